// Package leakcheck counts goroutines that are stuck for good, for the
// runtime demos.
//
// Where the toolchain has it, it asks the runtime: the goroutineleak
// profile lists goroutines blocked on concurrency primitives that no
// running goroutine can reach any more, which proves they will never wake.
// Go 1.27 has the profile; Go 1.26 has it only when built with
// GOEXPERIMENT=goroutineleakprofile. Without it, Stuck falls back to a census
// of goroutine stacks: goroutines parked in a channel operation, select or
// wait whose stack mentions the function. The census cannot tell "blocked
// forever" from "blocked for now", so callers first let the demo settle.
package leakcheck

import (
	"bufio"
	"bytes"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"
)

// Method names how Stuck counted: "goroutineleak profile" or "goroutine census".
func Method() string {
	if pprof.Lookup("goroutineleak") != nil {
		return "goroutineleak profile"
	}
	return "goroutine census"
}

// Stuck returns how many goroutines are blocked for good (profile) or
// parked (census) in a function whose qualified name contains fn.
func Stuck(fn string) int {
	if p := pprof.Lookup("goroutineleak"); p != nil {
		var buf bytes.Buffer
		if err := p.WriteTo(&buf, 1); err == nil {
			return countProfile(buf.Bytes(), fn)
		}
	}
	return census(fn)
}

// Settle waits until the number of goroutines stops changing and no
// goroutine but the caller is runnable (or a second passes), so that
// goroutines still running reach the point where they block before they
// are counted. The goroutine count alone is not enough: a worker that
// stays alive is counted the same before and after it parks.
func Settle() {
	prev := -1
	for i := 0; i < 100; i++ {
		n := runtime.NumGoroutine()
		if n == prev && runnable() <= 1 {
			return
		}
		prev = n
		time.Sleep(10 * time.Millisecond)
	}
}

// runnable counts the goroutines that are running or ready to run, the
// caller included.
func runnable() int {
	total := 0
	for g := range strings.SplitSeq(string(stacks()), "\n\n") {
		header, _, _ := strings.Cut(g, "\n")
		if s := state(header); s == "running" || s == "runnable" || strings.HasPrefix(s, "syscall") {
			total++
		}
	}
	return total
}

// countProfile sums the counts of the profile's records (debug=1 form:
// "N @ pc pc ..." then "#\tpc\tfunc+off\tfile:line" lines) whose frames
// mention fn.
func countProfile(profile []byte, fn string) int {
	total, count, matched := 0, 0, false
	flush := func() {
		if matched {
			total += count
		}
		count, matched = 0, false
	}
	sc := bufio.NewScanner(bytes.NewReader(profile))
	for sc.Scan() {
		line := sc.Text()
		if n, rest, ok := strings.Cut(line, " @ "); ok && rest != "" {
			flush()
			count, _ = strconv.Atoi(n)
			continue
		}
		if strings.HasPrefix(line, "#\t") && strings.Contains(line, fn) {
			matched = true
		}
	}
	flush()
	return total
}

// parked lists the wait reasons of goroutines that are waiting on another
// goroutine rather than running or in a system call.
var parked = []string{"chan send", "chan receive", "select", "sync.WaitGroup.Wait", "sync.Cond.Wait", "semacquire", "sync.Mutex.Lock", "chan send (nil chan)", "chan receive (nil chan)", "select (no cases)"}

func census(fn string) int {
	total := 0
	for g := range strings.SplitSeq(string(stacks()), "\n\n") {
		header, stack, _ := strings.Cut(g, "\n")
		if isParked(header) && strings.Contains(stack, fn) {
			total++
		}
	}
	return total
}

// stacks returns the stacks of all goroutines, as runtime.Stack prints them.
func stacks() []byte {
	buf := make([]byte, 1<<20)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			return buf[:n]
		}
		buf = make([]byte, 2*len(buf))
	}
}

// isParked reports whether a header like "goroutine 7 [chan send, 2 minutes]:"
// names a parked state.
func isParked(header string) bool {
	st := state(header)
	for _, p := range parked {
		if st == p {
			return true
		}
	}
	return false
}

// state returns the state in a header like "goroutine 7 [chan send, 2
// minutes]:", here "chan send".
func state(header string) string {
	_, st, ok := strings.Cut(header, "[")
	if !ok {
		return ""
	}
	st, _, _ = strings.Cut(st, "]")
	st, _, _ = strings.Cut(st, ",")
	return st
}
