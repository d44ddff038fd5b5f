//go:build !unix

package blocking_test

import "time"

// cpuTime falls back to the wall clock where rusage is not available.
func cpuTime() time.Duration { return time.Duration(time.Now().UnixNano()) }
