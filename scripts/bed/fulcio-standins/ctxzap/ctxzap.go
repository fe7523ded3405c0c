// import path: github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap
// The request's logger, kept in its context.
package ctxzap

import (
	"context"

	"go.uber.org/zap"
)

type key struct{}

func ToContext(ctx context.Context, logger *zap.Logger) context.Context {
	return context.WithValue(ctx, key{}, logger)
}

func Extract(ctx context.Context) *zap.Logger {
	if l, ok := ctx.Value(key{}).(*zap.Logger); ok {
		return l
	}
	return zap.NewNop()
}
