// import path: github.com/grpc-ecosystem/go-grpc-middleware/recovery
// A panic in a handler becomes the error the recovery handler makes of it.
package grpc_recovery

import (
	"context"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

type RecoveryHandlerFuncContext func(ctx context.Context, p interface{}) error

type Option func(*options)

type options struct{ handler RecoveryHandlerFuncContext }

func WithRecoveryHandlerContext(f RecoveryHandlerFuncContext) Option {
	return func(o *options) { o.handler = f }
}

func UnaryServerInterceptor(opts ...Option) grpc.UnaryServerInterceptor {
	o := &options{}
	for _, f := range opts {
		f(o)
	}
	return func(ctx context.Context, req interface{}, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (resp interface{}, err error) {
		defer func() {
			if p := recover(); p != nil {
				if o.handler != nil {
					err = o.handler(ctx, p)
				} else {
					err = status.Errorf(codes.Internal, "%v", p)
				}
			}
		}()
		return handler(ctx, req)
	}
}
