// Package retryapp retries calls with the real retry, backoff and
// circuit-breaker libraries.
package retryapp

import (
	"context"
	"net/http"
	"time"

	"connectrpc.com/connect"
	"github.com/afex/hystrix-go/hystrix"
	"github.com/avast/retry-go/v4"
	backoff4 "github.com/cenkalti/backoff/v4"
	"github.com/cenkalti/backoff/v5"
	"github.com/failsafe-go/failsafe-go"
	"github.com/failsafe-go/failsafe-go/retrypolicy"
	"github.com/hashicorp/go-retryablehttp"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/redis/go-redis/v9"
	"github.com/sony/gobreaker"
	gobreaker2 "github.com/sony/gobreaker/v2"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"realmod/retryapp/greetconnect"
	"realmod/retryapp/greetpb"
)

func tightRedis(ctx context.Context, rdb *redis.Client) {
	for {
		if err := rdb.Set(ctx, "k", "v", time.Minute).Err(); err == nil { // want `is retried in a loop with no pause and no bound: while redis is down`
			return
		}
	}
}

func tightPgx(ctx context.Context, pool *pgxpool.Pool) error {
	var err error
	for i := 0; i < 3; i++ {
		if _, err = pool.Exec(ctx, "UPDATE t SET x = 1"); err == nil { // want `pool.Exec is retried in a loop with no pause between attempts: while the database is down`
			return nil
		}
	}
	return err
}

func tightGRPC(ctx context.Context, conn *grpc.ClientConn, req, resp any) {
	for {
		err := conn.Invoke(ctx, "/svc.Svc/Get", req, resp) // want `conn.Invoke is retried in a loop with no pause and no bound: while the service is down`
		if err == nil {
			return
		}
	}
}

// A generated gRPC client's method is a gRPC call: what it calls,
// grpc.ClientConnInterface.Invoke, is.
func tightGenerated(ctx context.Context, c greetpb.GreeterClient) (*greetpb.HelloReply, error) {
	for {
		out, err := c.SayHello(ctx, &greetpb.HelloRequest{Name: "x"}) // want `c.SayHello is retried in a loop with no pause and no bound \(loop → c.SayHello → \(\*greetpb.greeterClient\).SayHello → \(grpc.ClientConnInterface\).Invoke\)`
		if err == nil {
			return out, nil
		}
		if status.Code(err) != codes.Unavailable {
			return nil, err
		}
	}
}

// So is a generated Connect client's: connect.Client.CallUnary.
func tightConnect(ctx context.Context, c greetconnect.GreetServiceClient) *greetconnect.GreetResponse {
	for {
		res, err := c.Greet(ctx, connect.NewRequest(&greetconnect.GreetRequest{Name: "x"})) // want `c.Greet is retried in a loop with no pause and no bound \(loop → c.Greet → \(\*greetconnect.greetServiceClient\).Greet → \(\*connect.Client\[Req, Res\]\).CallUnary\)`
		if err == nil {
			return res.Msg
		}
	}
}

// OK: one call per name, not a retry.
func each(ctx context.Context, c greetpb.GreeterClient, names []string) error {
	for _, n := range names {
		if _, err := c.SayHello(ctx, &greetpb.HelloRequest{Name: n}); err != nil {
			return err
		}
	}
	return nil
}

// OK: cenkalti/backoff v4 and v5 retry with backoff and a bound.
func backoffV4(ctx context.Context, rdb *redis.Client) {
	for {
		err := backoff4.Retry(func() error { return rdb.Ping(ctx).Err() }, backoff4.NewExponentialBackOff())
		if err == nil {
			return
		}
	}
}

func backoffV5(ctx context.Context, c *http.Client, req *http.Request) {
	for {
		_, err := backoff.Retry(ctx, func() (*http.Response, error) { return c.Do(req) }, backoff.WithMaxTries(5))
		if err == nil {
			return
		}
	}
}

// OK: a backoff policy paces a loop of the program's.
func policy(ctx context.Context, rdb *redis.Client) {
	b := backoff.NewExponentialBackOff()
	for {
		if err := rdb.Ping(ctx).Err(); err == nil {
			return
		}
		time.Sleep(b.NextBackOff())
	}
}

// OK: retry-go.
func retryGo(ctx context.Context, rdb *redis.Client) {
	for {
		if err := retry.Do(func() error { return rdb.Ping(ctx).Err() }, retry.Attempts(3)); err == nil {
			return
		}
	}
}

// OK: go-retryablehttp retries by itself.
func retryable(u string) {
	c := retryablehttp.NewClient()
	for {
		if _, err := c.Get(u); err == nil {
			return
		}
	}
}

// OK: failsafe-go.
func failsafeGo(c *http.Client, req *http.Request) {
	rp := retrypolicy.NewWithDefaults[*http.Response]()
	for {
		if _, err := failsafe.With(rp).Get(func() (*http.Response, error) { return c.Do(req) }); err == nil {
			return
		}
	}
}

// OK: gobreaker v1 and v2, hystrix-go.
func breakerV1(cb *gobreaker.CircuitBreaker, c *http.Client, req *http.Request) {
	for {
		if _, err := cb.Execute(func() (interface{}, error) { return c.Do(req) }); err == nil {
			return
		}
	}
}

func breakerV2(cb *gobreaker2.CircuitBreaker[*http.Response], c *http.Client, req *http.Request) {
	for {
		if _, err := cb.Execute(func() (*http.Response, error) { return c.Do(req) }); err == nil {
			return
		}
	}
}

func twoStep(cb *gobreaker2.TwoStepCircuitBreaker[*http.Response], c *http.Client, req *http.Request) {
	for {
		done, err := cb.Allow()
		if err != nil {
			return
		}
		_, err = c.Do(req)
		done(err)
		if err == nil {
			return
		}
	}
}

func hystrixGo(c *http.Client, req *http.Request) {
	for {
		err := hystrix.Do("api", func() error { _, err := c.Do(req); return err }, nil)
		if err == nil {
			return
		}
	}
}
