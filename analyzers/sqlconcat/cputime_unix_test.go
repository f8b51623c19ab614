//go:build unix

package sqlconcat_test

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used: on a machine shared
// with other work, it grows with the work done, where wall time does not.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
