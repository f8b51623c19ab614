// Package realmod gives tests access to testdata/realmod, a module that
// requires the real third-party libraries crisislint knows (gin, echo,
// sqlx, pgx, gorm, lib/pq) at pinned versions. Tests use it to check that
// the knowledge tables and the analyzers match the real APIs, not only the
// fakes under each analyzer's testdata.
package realmod

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
)

var (
	once sync.Once
	dir  string
	err  error
)

// Dir returns the directory of the module, after downloading its
// requirements from the module proxy (once per test binary).
func Dir(t testing.TB) string {
	t.Helper()
	once.Do(func() {
		_, file, _, _ := runtime.Caller(0)
		dir = filepath.Join(filepath.Dir(file), "..", "..", "testdata", "realmod")
		cmd := exec.Command("go", "mod", "download")
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GOWORK=off")
		if out, e := cmd.CombinedOutput(); e != nil {
			err = &downloadError{out: string(out), err: e}
		}
	})
	if err != nil {
		t.Fatalf("downloading the modules of %s: %v", dir, err)
	}
	return dir
}

type downloadError struct {
	out string
	err error
}

func (e *downloadError) Error() string { return e.err.Error() + "\n" + e.out }
