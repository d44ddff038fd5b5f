// Package spinloop shows the spinloop rule at run time: a goroutine that
// waits for a flag by polling it burns CPU for the whole wait, while one
// that blocks on a channel costs next to nothing.
package spinloop

import (
	"fmt"
	"io"
	"sync/atomic"
	"time"
)

// Bad waits until ready is set by polling it: the loop never blocks, so
// the goroutine runs at full speed until the flag changes.
func Bad(ready *atomic.Bool) {
	for !ready.Load() {
	}
}

// Good waits until ready is closed: the goroutine is parked, and the
// close wakes it.
func Good(ready <-chan struct{}) {
	<-ready
}

// Cost is what one wait cost the process.
type Cost struct {
	Wait time.Duration // how long the waiter waited
	// CPU is the process's CPU time, user and system, spent during the
	// wait (rusage; where there is none, the wall time is shown instead
	// and HaveCPU is false).
	CPU     time.Duration
	HaveCPU bool
}

// MeasureBad waits with Bad for a flag that another goroutine sets
// after d.
func MeasureBad(d time.Duration) Cost {
	var ready atomic.Bool
	return measure(d, func() { Bad(&ready) }, func() { ready.Store(true) })
}

// MeasureGood waits with Good for a channel that another goroutine
// closes after d.
func MeasureGood(d time.Duration) Cost {
	ready := make(chan struct{})
	return measure(d, func() { Good(ready) }, func() { close(ready) })
}

// measure runs wait in a goroutine, calls signal after d, and returns
// what the process spent until wait returned.
func measure(d time.Duration, wait, signal func()) Cost {
	done := make(chan struct{})
	cpu0, ok := cpuTime()
	start := time.Now()
	go func() {
		defer close(done)
		wait()
	}()
	timer := time.AfterFunc(d, signal)
	defer timer.Stop()
	<-done
	c := Cost{Wait: time.Since(start), HaveCPU: ok}
	if cpu1, ok := cpuTime(); ok && c.HaveCPU {
		c.CPU = cpu1 - cpu0
	} else {
		c.CPU = c.Wait
	}
	return c
}

// Show waits 200 ms each way and prints what the waits cost.
func Show(w io.Writer) error {
	const wait = 200 * time.Millisecond
	bad := MeasureBad(wait)
	good := MeasureGood(wait)
	if !bad.HaveCPU {
		fmt.Fprintf(w, "bad:  polling an atomic flag for %d ms (no rusage on this system to measure its CPU time)\n", bad.Wait.Milliseconds())
		fmt.Fprintf(w, "good: waiting %d ms on a channel\n", good.Wait.Milliseconds())
		return nil
	}
	fmt.Fprintf(w, "bad:  polling an atomic flag for %d ms burned %.1f ms of process CPU (%d %% of a core, as much as the OS would give it)\n",
		bad.Wait.Milliseconds(), ms(bad.CPU), percent(bad.CPU, bad.Wait))
	fmt.Fprintf(w, "good: waiting %d ms on a channel burned %.1f ms of process CPU (%d %% of a core)\n",
		good.Wait.Milliseconds(), ms(good.CPU), percent(good.CPU, good.Wait))
	return nil
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func percent(part, whole time.Duration) int64 {
	if whole <= 0 {
		return 0
	}
	return int64(100 * part / whole)
}
