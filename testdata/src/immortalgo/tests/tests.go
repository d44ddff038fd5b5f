// Package tests holds test code: there every goroutine has an owner, its
// test, even one whose loop works on package-level state only.
package tests

import (
	"os"
	"testing"
	"time"
)

var polls int

func poll() { polls++ }

// A test is stopped after it runs: the goroutine outlives it.
func TestPoller(t *testing.T) {
	go func() { // want `goroutine can never stop: its loop has no exit`
		for {
			time.Sleep(10 * time.Millisecond)
			poll()
		}
	}()
}

// ok: a test goroutine that returns when the test's context is done.
func TestTicker(t *testing.T) {
	go func() {
		tick := time.NewTicker(10 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				poll()
			case <-t.Context().Done():
				return
			}
		}
	}()
}

// ok: t.Fatal ends the goroutine (runtime.Goexit).
func TestFatal(t *testing.T) {
	go func() {
		for {
			if polls > 10 {
				t.Fatal("too many polls")
			}
			poll()
		}
	}()
}

// ok: TestMain runs once per test binary.
func TestMain(m *testing.M) {
	go func() {
		for {
			time.Sleep(time.Second)
			poll()
		}
	}()
	os.Exit(m.Run())
}
