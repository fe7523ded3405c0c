// import path: goa.design/goa/v3/grpc/middleware
// A request id on every call: the caller's x-request-id (bounded) or a new one.
package middleware

import (
	"context"
	"crypto/rand"
	"encoding/base64"

	"google.golang.org/grpc"
	"google.golang.org/grpc/metadata"
)

const RequestIDMetadataKey = "request-id"

type RequestIDOption func(*requestIDOptions) *requestIDOptions

type requestIDOptions struct {
	useXRequestID bool
	limit         int
}

func UseXRequestIDMetadataOption(f bool) RequestIDOption {
	return func(o *requestIDOptions) *requestIDOptions { o.useXRequestID = f; return o }
}

func XRequestMetadataLimitOption(limit int) RequestIDOption {
	return func(o *requestIDOptions) *requestIDOptions { o.limit = limit; return o }
}

func UnaryRequestID(options ...RequestIDOption) grpc.UnaryServerInterceptor {
	o := &requestIDOptions{}
	for _, f := range options {
		o = f(o)
	}
	return func(ctx context.Context, req interface{}, _ *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (interface{}, error) {
		md, ok := metadata.FromIncomingContext(ctx)
		if !ok {
			md = metadata.MD{}
		} else {
			md = md.Copy()
		}
		id := ""
		if o.useXRequestID {
			if v := md.Get("x-request-id"); len(v) > 0 {
				id = v[0]
				if o.limit > 0 && len(id) > o.limit {
					id = id[:o.limit]
				}
			}
		}
		if id == "" {
			b := make([]byte, 6)
			_, _ = rand.Read(b)
			id = base64.RawURLEncoding.EncodeToString(b)
		}
		md.Set(RequestIDMetadataKey, id)
		return handler(metadata.NewIncomingContext(ctx, md), req)
	}
}
