//go:build !unix

package spinloop

import "time"

// cpuTime has no rusage to read here.
func cpuTime() (time.Duration, bool) { return 0, false }
