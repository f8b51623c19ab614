package corpus

import (
	"bytes"
	"fmt"
	"os"
	"strings"
)

// Robust checks what real code must not do to crisislint: make it panic or
// report an internal error, print different output on a second run, or
// apply a fix that breaks the build or that a second run would apply
// again. It returns the problems found.
func Robust(m Module, dir, crisislint string) []string {
	var problems []string
	first, stderr, u, err := Run(m.Env, dir, crisislint, "./...")
	if err != nil || u.Exit > 1 {
		problems = append(problems, fmt.Sprintf("crisislint exited %d (%v): %s", u.Exit, err, firstLines(string(stderr), 5)))
	}
	problems = append(problems, crashes(first, stderr)...)
	second, _, _, _ := Run(m.Env, dir, crisislint, "./...")
	if !bytes.Equal(first, second) {
		problems = append(problems, "two runs printed different output")
	}

	copyDir, err := os.MkdirTemp("", "crisislint-fix-"+m.Name+"-")
	if err != nil {
		return append(problems, err.Error())
	}
	defer func() { _ = os.RemoveAll(copyDir) }()
	if err := copyTree(dir, copyDir); err != nil {
		return append(problems, err.Error())
	}
	_, stderr, _, err = Run(m.Env, copyDir, crisislint, "-fix", "./...")
	if err != nil {
		problems = append(problems, fmt.Sprintf("crisislint -fix: %v", err))
	}
	problems = append(problems, crashes(nil, stderr)...)
	if out, berr := command(m.Env, copyDir, "go", "build", "./...").CombinedOutput(); berr != nil {
		problems = append(problems, "the fixed module does not build:\n"+firstLines(string(out), 20))
	}
	if _, stderr, _, _ := Run(m.Env, copyDir, crisislint, "-fix", "./..."); strings.Contains(string(stderr), "applied") {
		problems = append(problems, "a second -fix applied fixes again: "+firstLines(string(stderr), 3))
	}
	return problems
}

// Std runs crisislint over the standard library and returns the problems.
func Std(crisislint string) []string {
	out, stderr, _, err := Run(nil, os.TempDir(), crisislint, "std")
	problems := crashes(out, stderr)
	if err != nil {
		problems = append(problems, fmt.Sprintf("crisislint std: %v", err))
	}
	return problems
}

// crashes finds panics and internal errors in crisislint's output.
func crashes(stdout, stderr []byte) []string {
	var out []string
	for _, line := range strings.Split(string(stdout), "\n") {
		if strings.Contains(line, "internal error in crisislint") {
			out = append(out, line)
		}
	}
	if strings.Contains(string(stderr), "panic:") || strings.Contains(string(stderr), "goroutine ") {
		out = append(out, "panic:\n"+firstLines(string(stderr), 20))
	}
	return out
}
