package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestPreCommit runs the hooks of .pre-commit-hooks.yaml with the real
// pre-commit (pre-commit try-repo against this repository) in a
// throwaway git repository with one staged change, offline: the golang
// hook builds crisislint from this repository with GOPROXY=off and the
// module cache as it is. CI installs pre-commit (.ci/run), so there a
// missing pre-commit fails the test instead of skipping it.
func TestPreCommit(t *testing.T) {
	if testing.Short() {
		t.Skip("builds crisislint in a pre-commit environment")
	}
	preCommit, err := exec.LookPath("pre-commit")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pre-commit is not installed; .ci/run installs it")
		}
		t.Skip("pre-commit is not installed (apt-get install pre-commit)")
	}
	_, here, _, _ := runtime.Caller(0)
	repo, err := filepath.Abs(filepath.Join(filepath.Dir(here), "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	modcache := goEnv(t, "GOMODCACHE")

	bin := t.TempDir()
	build := exec.Command("go", "build", "-o", filepath.Join(bin, "crisislint"), ".")
	build.Dir = filepath.Dir(here)
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

	work := t.TempDir()
	env := append(os.Environ(),
		"PRE_COMMIT_HOME="+filepath.Join(t.TempDir(), "pre-commit"),
		"GOMODCACHE="+modcache, // the golang hook sets GOPATH to its own directory
		"GOPROXY=off", "GOTOOLCHAIN=local", "GOFLAGS=-mod=readonly",
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
		"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com",
		"GIT_CONFIG_NOSYSTEM=1", "HOME="+t.TempDir(),
	)
	run := func(name string, args ...string) (string, error) {
		t.Helper()
		cmd := exec.Command(name, args...)
		cmd.Dir = work
		cmd.Env = env
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	must := func(name string, args ...string) {
		t.Helper()
		if out, err := run(name, args...); err != nil {
			t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
	}
	write := func(name, text string) {
		t.Helper()
		path := filepath.Join(work, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("go.mod", "module example.com/app\n\ngo 1.26\n")
	write("store/store.go", storeClean)
	write("api/api.go", apiUnbounded) // an old finding, in a file nobody stages
	must("git", "init", "-q")
	must("git", "add", "-A")
	must("git", "commit", "-q", "-m", "old code")

	write("store/store.go", storeInjected)
	must("git", "add", "store/store.go")

	hooks := []struct {
		id   string
		path string // PATH for the hook
	}{
		{"crisislint", os.Getenv("PATH")},
		{"crisislint-system", bin + string(os.PathListSeparator) + os.Getenv("PATH")},
	}
	for _, h := range hooks {
		t.Run(h.id, func(t *testing.T) {
			env = append(env, "PATH="+h.path)
			out, err := run(preCommit, "try-repo", repo, h.id, "--verbose")
			if err == nil {
				t.Fatalf("the hook passed a staged SQL injection:\n%s", out)
			}
			if !strings.Contains(out, "store/store.go:6:") || !strings.Contains(out, "(sqlconcat)") {
				t.Errorf("the hook does not report the staged finding:\n%s", out)
			}
			if strings.Contains(out, "api/api.go") {
				t.Errorf("the hook reports a file that was not staged:\n%s", out)
			}

			write("store/store.go", storeClean)
			must("git", "add", "store/store.go")
			defer func() {
				write("store/store.go", storeInjected)
				must("git", "add", "store/store.go")
			}()
			if out, err := run(preCommit, "try-repo", repo, h.id, "--verbose"); err != nil {
				t.Errorf("the hook fails a clean change: %v\n%s", err, out)
			}
		})
	}
}

func goEnv(t *testing.T, name string) string {
	out, err := exec.Command("go", "env", name).Output()
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

const storeClean = `package store

import "database/sql"

func ByName(db *sql.DB, name string) error {
	_, err := db.Query("SELECT id FROM users WHERE name = $1", name)
	return err
}
`

const storeInjected = `package store

import "database/sql"

func ByName(db *sql.DB, name string) error {
	_, err := db.Query("SELECT id FROM users WHERE name = '" + name + "'")
	return err
}
`

const apiUnbounded = `package api

import (
	"encoding/json"
	"net/http"
)

func create(w http.ResponseWriter, r *http.Request) {
	var v map[string]any
	json.NewDecoder(r.Body).Decode(&v)
}
`
