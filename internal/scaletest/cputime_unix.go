//go:build unix

package scaletest

import (
	"syscall"
	"time"
)

// cpuTime returns the CPU time the process has used, user and system: on
// a loaded machine it grows only while the process runs, unlike the wall
// clock, which also counts the time spent waiting for a CPU.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return wallTime()
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
