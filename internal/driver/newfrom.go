package driver

import (
	"bufio"
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// changes are the lines changed since a revision: per absolute file
// name, the changed line numbers, or nil for a file that is new as a
// whole (untracked).
type changes map[string]map[int]bool

// changedSince returns the lines of the working tree that differ from
// rev: committed since, staged or not, and files git does not track yet
// (golangci-lint's -new-from-rev counts the same). A line deleted
// changes no line that remains.
func changedSince(dir, rev string) (changes, error) {
	top, err := git(dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	top = strings.TrimSpace(top)
	diff, err := git(top, "diff", "--no-color", "--no-ext-diff", "--no-renames", "-U0", rev, "--")
	if err != nil {
		return nil, err
	}
	ch := make(changes)
	var lines map[int]bool
	sc := bufio.NewScanner(strings.NewReader(diff))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "+++ "):
			lines = nil
			name := strings.TrimPrefix(line, "+++ ")
			if strings.HasPrefix(name, `"`) {
				if u, err := strconv.Unquote(name); err == nil {
					name = u
				}
			}
			if rest, ok := strings.CutPrefix(name, "b/"); ok {
				lines = make(map[int]bool)
				ch[realPath(filepath.Join(top, filepath.FromSlash(rest)))] = lines
			}
		case strings.HasPrefix(line, "@@ ") && lines != nil:
			start, count, err := hunkNew(line)
			if err != nil {
				return nil, err
			}
			for l := start; l < start+count; l++ {
				lines[l] = true
			}
		}
	}
	untracked, err := git(top, "ls-files", "--others", "--exclude-standard", "-z")
	if err != nil {
		return nil, err
	}
	for name := range strings.SplitSeq(untracked, "\x00") {
		if name != "" {
			ch[realPath(filepath.Join(top, filepath.FromSlash(name)))] = nil
		}
	}
	return ch, nil
}

// hunkNew parses the new side of a hunk header, "@@ -a,b +c,d @@": the
// first line c and the count d (1 when omitted).
func hunkNew(header string) (start, count int, err error) {
	fields := strings.Fields(header)
	if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
		return 0, 0, fmt.Errorf("git diff: bad hunk header %q", header)
	}
	s, c, found := strings.Cut(fields[2][1:], ",")
	if start, err = strconv.Atoi(s); err != nil {
		return 0, 0, fmt.Errorf("git diff: bad hunk header %q", header)
	}
	count = 1
	if found {
		if count, err = strconv.Atoi(c); err != nil {
			return 0, 0, fmt.Errorf("git diff: bad hunk header %q", header)
		}
	}
	return start, count, nil
}

// touches reports whether a finding lies on a changed line: its own
// place, or another place of its root cause (a new call of the method
// every handler calls is new, even where the finding is reported first).
func (ch changes) touches(f Finding) bool {
	on := func(file string, line int) bool {
		lines, ok := ch[realPath(file)]
		return ok && (lines == nil || lines[line])
	}
	if on(f.Pos.Filename, f.Pos.Line) {
		return true
	}
	for _, r := range f.Related {
		if on(r.Pos.Filename, r.Pos.Line) {
			return true
		}
	}
	return false
}

func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}

// realPath resolves symbolic links, so that git's names and the loader's
// names of one file compare equal (a temporary directory under a linked
// /tmp, a checkout reached through a link).
func realPath(name string) string {
	if r, err := filepath.EvalSymlinks(name); err == nil {
		return r
	}
	return name
}
