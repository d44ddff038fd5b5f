// Package dep holds the cross-package cases of blockingcallback:
// functions that blocking's facts say may wait, some of them a few calls
// deep, and some that do not wait.
package dep

import (
	"context"
	"net/http"
	"sync"
	"time"
)

// Slow sleeps three calls deep: past the default depth.
func Slow() { slower() }

func slower() { slowest() }

func slowest() { time.Sleep(10 * time.Millisecond) }

// Nap sleeps two calls deep: within the default depth.
func Nap() { nap() }

func nap() { time.Sleep(time.Millisecond) }

// Await waits for v or for ctx's cancellation, whichever comes first.
func Await(ctx context.Context, ch <-chan int) int {
	select {
	case v := <-ch:
		return v
	case <-ctx.Done():
		return 0
	}
}

// Pause sleeps for d or until ctx is cancelled.
func Pause(ctx context.Context, d time.Duration) {
	select {
	case <-time.After(d):
	case <-ctx.Done():
	}
}

// Fetch waits on the network.
func Fetch(url string) (*http.Response, error) { return http.Get(url) }

// Store holds results behind a mutex: Put locks, but does not wait.
type Store struct {
	mu sync.Mutex
	m  map[string]int
}

func (s *Store) Put(k string, v int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[k] = v
}

// Publish sends on an unbuffered channel.
type Bus struct{ ch chan int }

func (b *Bus) Publish(v int) { b.ch <- v }

// Deep waits five calls deep, past blocking's bound.
func Deep() { d1() }

func d1() { d2() }
func d2() { d3() }
func d3() { d4() }
func d4() { time.Sleep(time.Millisecond) }
