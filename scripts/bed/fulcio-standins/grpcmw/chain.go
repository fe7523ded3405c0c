// import path: github.com/grpc-ecosystem/go-grpc-middleware
// go-grpc-middleware v1's chain, as grpc itself chains interceptors.
package grpc_middleware

import (
	"context"

	"google.golang.org/grpc"
)

func ChainUnaryServer(interceptors ...grpc.UnaryServerInterceptor) grpc.UnaryServerInterceptor {
	return func(ctx context.Context, req interface{}, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (interface{}, error) {
		next := handler
		for i := len(interceptors) - 1; i >= 0; i-- {
			ic, h := interceptors[i], next
			next = func(c context.Context, r interface{}) (interface{}, error) { return ic(c, r, info, h) }
		}
		return next(ctx, req)
	}
}
