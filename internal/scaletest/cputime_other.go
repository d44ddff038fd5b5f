//go:build !unix

package scaletest

import "time"

// cpuTime falls back to the wall clock where getrusage is missing.
func cpuTime() time.Duration { return wallTime() }
