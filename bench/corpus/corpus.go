// Package corpus measures crisislint on real Go services nobody here
// wrote: it fetches them at pinned versions from the module proxy, runs
// crisislint, go vet, staticcheck and golangci-lint on the same packages,
// records wall time and peak memory of each, and checks crisislint's
// findings against the verdicts of the triage files.
package corpus

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Module is one service of the corpus.
type Module struct {
	Name    string            `json:"name"`
	Path    string            `json:"module"`
	Version string            `json:"version"`
	Env     []string          `json:"env,omitempty"`   // for the go command: GONOSUMDB=...
	Files   map[string]string `json:"files,omitempty"` // created in the copy: what the module zip lacks
	// ModEdit are flags for go mod edit, run in the copy: a replace
	// directive that points into a directory the module zip lacks (a
	// generated client with a go.mod of its own) is dropped, so the
	// published module it stands for is used.
	ModEdit []string `json:"modedit,omitempty"`
}

// Load reads the corpus definition.
func Load(path string) ([]Module, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var mods []Module
	if err := json.Unmarshal(data, &mods); err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	return mods, nil
}

// Select returns the modules named, or all of them.
func Select(mods []Module, names []string) ([]Module, error) {
	if len(names) == 0 {
		return mods, nil
	}
	var out []Module
	for _, n := range names {
		found := false
		for _, m := range mods {
			if m.Name == n {
				out = append(out, m)
				found = true
			}
		}
		if !found {
			return nil, fmt.Errorf("no module %q in the corpus", n)
		}
	}
	return out, nil
}

// Fetch downloads m from the module proxy and copies it, writable, to
// dir/name, with its dependencies downloaded too. An existing copy is kept.
// It returns the copy's directory with symbolic links resolved: crisislint,
// run there, names files by the path the system gives its working
// directory, and findings are keyed by their path relative to the copy.
func Fetch(m Module, dir string) (string, error) {
	dst := filepath.Join(dir, m.Name)
	if _, err := os.Stat(filepath.Join(dst, "go.mod")); err == nil {
		return filepath.EvalSymlinks(dst)
	}
	out, err := command(m.Env, "", "go", "mod", "download", "-json", m.Path+"@"+m.Version).Output()
	if err != nil {
		return "", fmt.Errorf("go mod download %s@%s: %v", m.Path, m.Version, err)
	}
	var info struct{ Dir, Error string }
	if err := json.Unmarshal(out, &info); err != nil || info.Error != "" || info.Dir == "" {
		return "", fmt.Errorf("go mod download %s@%s: %s", m.Path, m.Version, info.Error)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	if err := copyTree(info.Dir, dst); err != nil {
		return "", err
	}
	for name, content := range m.Files {
		p := filepath.Join(dst, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			return "", err
		}
	}
	if len(m.ModEdit) > 0 {
		if out, err := command(m.Env, dst, "go", append([]string{"mod", "edit"}, m.ModEdit...)...).CombinedOutput(); err != nil {
			return "", fmt.Errorf("go mod edit in %s: %v\n%s", dst, err, out)
		}
		// The module's go.sum has no checksums for what stands in for a
		// dropped replace: loading the packages once records them.
		if out, err := command(m.Env, dst, "go", "list", "-mod=mod", "-e", "./...").CombinedOutput(); err != nil {
			return "", fmt.Errorf("go list -mod=mod in %s: %v\n%s", dst, err, out)
		}
	}
	if out, err := command(m.Env, dst, "go", "mod", "download").CombinedOutput(); err != nil {
		return "", fmt.Errorf("go mod download in %s: %v\n%s", dst, err, out)
	}
	return filepath.EvalSymlinks(dst)
}

// copyTree copies the files of src to dst, writable (the module cache's
// are read-only).
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}

func command(env []string, dir, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	return cmd
}

// Usage is what one run of a tool cost.
type Usage struct {
	Wall time.Duration
	Peak int64 // peak resident memory, in bytes, of the process and the children it waited for
	Exit int
}

// Run runs a command and measures it, as GNU time -v would: the wall
// clock, and the largest resident set of the process and its descendants.
// It returns the standard output; a non-zero exit is not an error, as
// linters exit 1 when they find something.
func Run(env []string, dir, name string, args ...string) (stdout []byte, stderr []byte, u Usage, err error) {
	cmd := command(env, dir, name, args...)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err = cmd.Run()
	u.Wall = time.Since(start)
	if cmd.ProcessState != nil {
		u.Exit = cmd.ProcessState.ExitCode()
		if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
			u.Peak = ru.Maxrss * 1024 // kilobytes on Linux
		}
	}
	if _, isExit := err.(*exec.ExitError); isExit && cmd.ProcessState.ExitCode() > 0 {
		err = nil
	}
	return []byte(out.String()), []byte(errb.String()), u, err
}
