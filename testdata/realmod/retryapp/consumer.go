package retryapp

import (
	"context"
	"errors"
	"log"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go/aws"
	"github.com/aws/aws-sdk-go/service/sqs"
	"github.com/go-resty/resty/v2"
	"github.com/redis/go-redis/v9"
)

// A queue worker that goes straight back to BRPOP on an error spins while
// redis is down (centrifugo#85).
func work(ctx context.Context, rdb *redis.Client, handle func(string)) {
	for {
		res, err := rdb.BRPop(ctx, 0, "jobs").Result() // want `^rdb.BRPop is called again at once when it fails: while redis is down, the loop spins`
		if err != nil {
			log.Printf("brpop: %v", err)
			continue
		}
		handle(res[1])
	}
}

func streams(ctx context.Context, rdb *redis.Client, handle func(redis.XMessage)) {
	for {
		res, err := rdb.XReadGroup(ctx, &redis.XReadGroupArgs{Group: "g", Consumer: "c", Streams: []string{"s", ">"}}).Result() // want `rdb.XReadGroup is called again at once when it fails`
		if err != nil {
			continue
		}
		for _, s := range res {
			for _, m := range s.Messages {
				handle(m)
			}
		}
	}
}

func poll(ctx context.Context, q *sqs.SQS, url string, handle func(*sqs.Message)) {
	for {
		out, err := q.ReceiveMessageWithContext(ctx, &sqs.ReceiveMessageInput{ // want `q.ReceiveMessageWithContext is called again at once when it fails: while the service is down`
			QueueUrl:        aws.String(url),
			WaitTimeSeconds: aws.Int64(20),
		})
		if err != nil {
			log.Printf("receive: %v", err)
			continue
		}
		for _, m := range out.Messages {
			handle(m)
		}
	}
}

// OK: an empty queue (redis.Nil, a constant of go-redis) goes straight
// back; a failure waits.
func emptyIsNoFailure(ctx context.Context, rdb *redis.Client, handle func(string)) {
	for {
		res, err := rdb.BRPop(ctx, 5*time.Second, "jobs").Result()
		if errors.Is(err, redis.Nil) {
			continue
		}
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			log.Print(err)
			time.Sleep(time.Second)
			continue
		}
		handle(res[1])
	}
}

// OK: it backs off on the error edge.
func pollBackedOff(ctx context.Context, q *sqs.SQS, url string, handle func(*sqs.Message)) {
	backoff := time.Second
	for {
		out, err := q.ReceiveMessageWithContext(ctx, &sqs.ReceiveMessageInput{QueueUrl: aws.String(url)})
		if err != nil {
			time.Sleep(backoff)
			backoff = min(backoff*2, time.Minute)
			continue
		}
		backoff = time.Second
		for _, m := range out.Messages {
			handle(m)
		}
	}
}

// resty's response gives its status by a method: a 503 sends the loop
// round again at once.
func restyStatus(c *resty.Client, url string) (*resty.Response, error) {
	for {
		resp, err := c.R().Get(url) // want `is retried in a loop with no pause and no bound`
		if err != nil {
			return nil, err
		}
		if resp.StatusCode() == http.StatusServiceUnavailable {
			continue
		}
		return resp, nil
	}
}
