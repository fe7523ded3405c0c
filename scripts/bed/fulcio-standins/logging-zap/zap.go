// import path: github.com/grpc-ecosystem/go-grpc-middleware/logging/zap
// One log line per call through the message producer, with the request's logger in its context.
package grpc_zap

import (
	"context"
	"time"

	"github.com/grpc-ecosystem/go-grpc-middleware/logging/zap/ctxzap"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

type Decider func(fullMethodName string, err error) bool

type MessageProducer func(ctx context.Context, msg string, level zapcore.Level, code codes.Code, err error, duration zapcore.Field)

type Option func(*options)

type options struct {
	decider  Decider
	producer MessageProducer
}

func WithDecider(f Decider) Option { return func(o *options) { o.decider = f } }

func WithMessageProducer(f MessageProducer) Option { return func(o *options) { o.producer = f } }

func UnaryServerInterceptor(logger *zap.Logger, opts ...Option) grpc.UnaryServerInterceptor {
	o := &options{}
	for _, f := range opts {
		f(o)
	}
	return func(ctx context.Context, req interface{}, info *grpc.UnaryServerInfo, handler grpc.UnaryHandler) (interface{}, error) {
		start := time.Now()
		ctx = ctxzap.ToContext(ctx, logger.With(zap.String("grpc.method", info.FullMethod)))
		resp, err := handler(ctx, req)
		if o.decider == nil || o.decider(info.FullMethod, err) {
			code := status.Code(err)
			duration := zap.Duration("grpc.time", time.Since(start))
			if o.producer != nil {
				o.producer(ctx, "finished unary call with code "+code.String(), zapcore.InfoLevel, code, err, duration)
			} else {
				ctxzap.Extract(ctx).Info("finished unary call", zap.Error(err), duration)
			}
		}
		return resp, err
	}
}
