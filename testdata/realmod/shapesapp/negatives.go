package shapesapp

import (
	"context"
	"net/http"
	"os/exec"
	"regexp"
	"time"

	"github.com/go-resty/resty/v2"
	"github.com/spf13/cobra"
)

// None of the functions of this file serves a request: the same calls
// as the handlers' are not reported here.

var slugPattern *regexp.Regexp

func init() {
	slugPattern = regexp.MustCompile(`^[a-z0-9-]+$`)
	time.Sleep(10 * time.Millisecond)
	db.Query("SELECT 1")
}

// migrateCmd is a CLI command.
var migrateCmd = &cobra.Command{
	Use: "migrate",
	RunE: func(cmd *cobra.Command, args []string) error {
		_, err := db.Exec("ALTER TABLE users ADD COLUMN bio text")
		time.Sleep(time.Second)
		return err
	},
}

// Worker is a background job: it takes a context, not a request.
type Worker struct{ every time.Duration }

func (w *Worker) Run(ctx context.Context) {
	for ctx.Err() == nil {
		db.Exec("DELETE FROM sessions WHERE expires_at < now()")
		exec.Command("vacuumdb", "app").Run()
		time.Sleep(w.every)
	}
}

// cleanupJob is a job queue's handler: func(ctx, payload).
func cleanupJob(ctx context.Context, payload []byte) error {
	_, err := db.ExecContext(context.Background(), "DELETE FROM uploads WHERE id = $1", string(payload))
	return err
}

// retryTransport is an outbound round tripper: the request it gets is the
// one being sent, not one being served.
type retryTransport struct{ next http.RoundTripper }

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		time.Sleep(100 * time.Millisecond)
		return t.next.RoundTrip(req)
	}
	return resp, nil
}

// signingClient signs outbound requests in a hook: a func(*http.Request)
// handed to a call is not a handler when the call is a client's.
func signingClient() *resty.Client {
	return resty.New().SetPreRequestHook(func(c *resty.Client, req *http.Request) error {
		time.Sleep(time.Millisecond)
		req.Header.Set("X-Signature", "sig")
		return nil
	})
}
