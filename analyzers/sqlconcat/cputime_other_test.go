//go:build !unix

package sqlconcat_test

import "time"

// cpuTime is not measured here: BenchmarkBigFile reports wall time only.
func cpuTime() time.Duration { return 0 }
