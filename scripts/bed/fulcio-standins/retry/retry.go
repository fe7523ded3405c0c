// import path: github.com/grpc-ecosystem/go-grpc-middleware/retry
// Client retries (Fulcio uses them only toward Google Cloud KMS): retried on Unavailable.
package grpc_retry

import (
	"context"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

type CallOption struct{ apply func(*options) }

type options struct {
	max     uint
	timeout time.Duration
}

func WithMax(n uint) CallOption { return CallOption{func(o *options) { o.max = n }} }

func WithPerRetryTimeout(d time.Duration) CallOption { return CallOption{func(o *options) { o.timeout = d }} }

func UnaryClientInterceptor(opts ...CallOption) grpc.UnaryClientInterceptor {
	o := &options{}
	for _, c := range opts {
		c.apply(o)
	}
	return func(ctx context.Context, method string, req, reply interface{}, cc *grpc.ClientConn, invoker grpc.UnaryInvoker, callOpts ...grpc.CallOption) error {
		var err error
		for attempt := uint(0); attempt <= o.max; attempt++ {
			c, cancel := ctx, context.CancelFunc(func() {})
			if o.timeout > 0 {
				c, cancel = context.WithTimeout(ctx, o.timeout)
			}
			err = invoker(c, method, req, reply, cc, callOpts...)
			cancel()
			if status.Code(err) != codes.Unavailable {
				return err
			}
		}
		return err
	}
}
