// import path: chainguard.dev/go-grpc-kit/pkg/duplex
// gRPC and its HTTP gateway on one port (Fulcio's duplex mode, port == grpc-port).
package duplex

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"golang.org/x/net/http2"
	"golang.org/x/net/http2/h2c"
	"google.golang.org/grpc"
)

type Duplex struct {
	Server   *grpc.Server
	MUX      *runtime.ServeMux
	Port     int
	dialOpts []grpc.DialOption
}

func New(port int, opts ...interface{}) *Duplex {
	var serverOpts []grpc.ServerOption
	var muxOpts []runtime.ServeMuxOption
	var dialOpts []grpc.DialOption
	for _, o := range opts {
		switch v := o.(type) {
		case grpc.ServerOption:
			serverOpts = append(serverOpts, v)
		case runtime.ServeMuxOption:
			muxOpts = append(muxOpts, v)
		case grpc.DialOption:
			dialOpts = append(dialOpts, v)
		}
	}
	return &Duplex{Server: grpc.NewServer(serverOpts...), MUX: runtime.NewServeMux(muxOpts...), Port: port, dialOpts: dialOpts}
}

type RegisterHandlerFromEndpointFn func(ctx context.Context, mux *runtime.ServeMux, endpoint string, opts []grpc.DialOption) error

func (d *Duplex) RegisterHandler(ctx context.Context, fn RegisterHandlerFromEndpointFn) error {
	return fn(ctx, d.MUX, fmt.Sprintf("127.0.0.1:%d", d.Port), d.dialOpts)
}

func (d *Duplex) RegisterListenAndServeMetrics(port int, _ bool) {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.Handler())
	go func() { _ = http.ListenAndServe(fmt.Sprintf(":%d", port), mux) }()
}

func (d *Duplex) Serve(ctx context.Context, lis net.Listener) error {
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.ProtoMajor == 2 && strings.HasPrefix(r.Header.Get("Content-Type"), "application/grpc") {
			d.Server.ServeHTTP(w, r)
			return
		}
		d.MUX.ServeHTTP(w, r)
	})
	srv := &http.Server{Handler: h2c.NewHandler(handler, &http2.Server{})}
	go func() { <-ctx.Done(); _ = srv.Shutdown(context.Background()) }()
	return srv.Serve(lis)
}
