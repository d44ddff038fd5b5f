// Package dep holds the cross-package cases of spinloop: predicates that
// only read shared state (a polls fact), and helpers that block or yield
// (blocking's facts).
package dep

import (
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

type Flag struct {
	v  atomic.Bool
	mu sync.Mutex
	on bool
}

func (f *Flag) IsSet() bool { // want IsSet:"polls\\(atomic\\)"
	return f.v.Load()
}

func (f *Flag) Set() { f.v.Store(true) }

// Locked reads the plain field under the mutex.
func (f *Flag) Locked() bool { // want Locked:"polls\\(locked\\)"
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.on
}

var ready bool

func Ready() bool { return ready } // want Ready:"polls\\(plain\\)"

// Pause sleeps: a loop that calls it waits.
func Pause() { time.Sleep(time.Millisecond) }

// Yield lets other goroutines run.
func Yield() { runtime.Gosched() }

// Next advances a cursor: it writes state, so it is no poll.
func Next(p *int) bool { *p++; return *p < 10 }
