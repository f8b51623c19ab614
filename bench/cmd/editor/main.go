// Command editor measures what an editor waits for from crisislint lsp
// (issue 11 sets the bar at one second after a save): it starts the
// server on a module, as an editor would, and times, for one file, from
// each notification it sends to the diagnostics the server publishes for
// that file:
//
//	open    didOpen → publishDiagnostics
//	save    didSave → publishDiagnostics (the file unchanged on disk)
//	change  didChange → publishDiagnostics (the server waits for the
//	        keystrokes to settle first, so change − save is its debounce)
//
// Each run opens the file, saves it, changes it and closes it, in one
// session, so the first run's open also pays the server's start. Run it
// from the repository's root, with dependencies' facts already cached
// (a first crisislint run on the module caches them):
//
//	go run ./bench/cmd/editor -crisislint BIN -dir MODULEDIR -file REL/PATH.go [-n 5]
//
// It is a measuring tool, not a test: it prints each run and the min,
// median and max of each latency.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"time"

	"github.com/crisislint/crisislint/internal/lsp"
	"go.lsp.dev/jsonrpc2"
)

// timeout bounds one wait for diagnostics: a cold cache can take minutes.
const timeout = 10 * time.Minute

func main() {
	bin := flag.String("crisislint", "crisislint", "the crisislint binary to start as `crisislint lsp`")
	dir := flag.String("dir", ".", "the module (the server's working directory and workspace root)")
	file := flag.String("file", "", "the file to open, save and change, relative to -dir")
	n := flag.Int("n", 5, "runs")
	verbose := flag.Bool("v", false, "print the server's log messages")
	flag.Parse()
	if *file == "" || *n < 1 || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: go run ./bench/cmd/editor -crisislint BIN -dir MODULEDIR -file REL/PATH.go [-n 5] [-v]")
		os.Exit(2)
	}
	if err := run(*bin, *dir, *file, *n, *verbose); err != nil {
		fmt.Fprintln(os.Stderr, "editor:", err)
		os.Exit(1)
	}
}

// client is the editor's side of a session with a crisislint lsp process.
type client struct {
	conn  jsonrpc2.Conn
	diags chan lsp.PublishDiagnosticsParams
}

func run(bin, dir, file string, n int, verbose bool) error {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	path := filepath.Join(dir, file)
	text, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	uri := fileURI(path)

	cmd := exec.Command(bin, "lsp")
	cmd.Dir = dir
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()

	c := &client{diags: make(chan lsp.PublishDiagnosticsParams, 64)}
	c.conn = jsonrpc2.NewConn(jsonrpc2.NewHeaderStream(pipe{stdout, stdin}))
	c.conn.Go(context.Background(), func(_ context.Context, req *jsonrpc2.Request) (any, error) {
		switch req.Method() {
		case "textDocument/publishDiagnostics":
			var p lsp.PublishDiagnosticsParams
			if err := json.Unmarshal(req.Params(), &p); err == nil {
				c.diags <- p
			}
		case "window/logMessage":
			if verbose {
				fmt.Fprintf(os.Stderr, "server: %s\n", req.Params())
			}
		}
		return nil, nil
	})
	defer func() { _ = c.conn.Close() }()

	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var init lsp.InitializeResult
	if _, err := c.conn.Call(ctx, "initialize", map[string]any{
		"processId":    os.Getpid(),
		"rootUri":      fileURI(dir),
		"capabilities": map[string]any{},
	}, &init); err != nil {
		return fmt.Errorf("initialize: %v", err)
	}
	if err := c.conn.Notify(ctx, "initialized", map[string]any{}); err != nil {
		return err
	}

	var opens, saves, changes []time.Duration
	fmt.Printf("%s in %s, %d runs\n", file, dir, n)
	for i := range n {
		version := 2 * i // each run's open and change have versions of their own
		open, count, err := c.timed("textDocument/didOpen", lsp.DidOpenParams{TextDocument: lsp.TextDocumentItem{
			URI: uri, LanguageID: "go", Version: version, Text: string(text),
		}}, uri, version)
		if err != nil {
			return err
		}
		save, _, err := c.timed("textDocument/didSave", lsp.DidSaveParams{TextDocument: lsp.TextDocumentIdentifier{URI: uri}}, uri, version)
		if err != nil {
			return err
		}
		// A blank line at the end: an edit that moves no finding.
		changed := version + 1
		change, _, err := c.timed("textDocument/didChange", lsp.DidChangeParams{
			TextDocument:   lsp.VersionedTextDocumentIdentifier{URI: uri, Version: &changed},
			ContentChanges: []lsp.ContentChange{{Text: string(text) + "\n"}},
		}, uri, changed)
		if err != nil {
			return err
		}
		if err := c.conn.Notify(ctx, "textDocument/didClose", lsp.DidCloseParams{TextDocument: lsp.TextDocumentIdentifier{URI: uri}}); err != nil {
			return err
		}
		opens, saves, changes = append(opens, open), append(saves, save), append(changes, change)
		fmt.Printf("run %d: open %s  save %s  change %s  (%d diagnostics)\n", i+1, ms(open), ms(save), ms(change), count)
	}
	fmt.Printf("open→diagnostics    %s\n", summary(opens))
	fmt.Printf("save→diagnostics    %s\n", summary(saves))
	fmt.Printf("change→diagnostics  %s\n", summary(changes))
	debounce := make([]time.Duration, n)
	for i := range n {
		debounce[i] = changes[i] - saves[i]
	}
	fmt.Printf("change − save       %s  (the debounce, with the noise of two runs)\n", summary(debounce))

	if _, err := c.conn.Call(ctx, "shutdown", nil, nil); err != nil {
		return fmt.Errorf("shutdown: %v", err)
	}
	_ = c.conn.Notify(ctx, "exit", nil)
	return nil
}

// timed sends a notification and returns the time until the server
// publishes diagnostics for uri at version, and how many.
func (c *client) timed(method string, params any, uri string, version int) (time.Duration, int, error) {
	start := time.Now()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		return 0, 0, fmt.Errorf("%s: %v", method, err)
	}
	deadline := time.After(timeout)
	for {
		select {
		case p := <-c.diags:
			// Diagnostics without a version clear a closed file; those
			// of another version are an earlier notification's.
			if p.URI == uri && p.Version != nil && *p.Version == version {
				return time.Since(start), len(p.Diagnostics), nil
			}
		case <-c.conn.Done():
			return 0, 0, errors.Join(fmt.Errorf("%s: the server hung up", method), c.conn.Err())
		case <-deadline:
			return 0, 0, fmt.Errorf("%s: no diagnostics for %s at version %d in %s", method, uri, version, timeout)
		}
	}
}

func summary(ds []time.Duration) string {
	s := slices.Clone(ds)
	slices.Sort(s)
	return fmt.Sprintf("min %s  median %s  max %s", ms(s[0]), ms(s[len(s)/2]), ms(s[len(s)-1]))
}

func ms(d time.Duration) string { return fmt.Sprintf("%7.0f ms", float64(d)/float64(time.Millisecond)) }

func fileURI(name string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(name)}).String()
}

// pipe joins the server's standard output and input into one connection.
type pipe struct {
	io.ReadCloser
	w io.WriteCloser
}

func (p pipe) Write(b []byte) (int, error) { return p.w.Write(b) }

func (p pipe) Close() error { return errors.Join(p.ReadCloser.Close(), p.w.Close()) }
