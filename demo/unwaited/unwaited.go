// Package unwaited shows the unwaited rule at run time: a function that
// counts its workers in a WaitGroup but never waits for them, so it
// returns success while they are still writing and the writes land after
// the caller has moved on.
package unwaited

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"
)

// workers is the size of the import's worker pool.
const workers = 4

// Store takes writes until it is closed; a write that arrives after Close
// is lost.
type Store struct {
	closed   atomic.Bool
	finished atomic.Int32 // workers done with their shard
	attempts atomic.Int32 // writes attempted
	late     atomic.Int32 // writes that arrived after Close
}

// Put writes one key.
func (s *Store) Put(key string) {
	defer s.attempts.Add(1)
	time.Sleep(time.Millisecond) // a write takes time
	if s.closed.Load() {
		s.late.Add(1)
	}
}

// Close closes the store: the caller considers the import over.
func (s *Store) Close() { s.closed.Store(true) }

// WaitAttempts waits until n writes have been attempted (Bad does not
// wait for its workers, so the demo has to).
func (s *Store) WaitAttempts(n int32) {
	deadline := time.Now().Add(5 * time.Second)
	for s.attempts.Load() < n && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
}

// errEmptyKey is the import's validation failure.
var errEmptyKey = errors.New("manifest: empty key")

// checkManifest validates the import's keys while the workers write; the
// demo's keys are valid, so the import succeeds.
func checkManifest(keys []string) error {
	for _, k := range keys {
		if k == "" {
			return errEmptyKey
		}
	}
	return nil
}

// importShard writes every workers-th key, starting at w.
func importShard(s *Store, keys []string, w int) {
	defer s.finished.Add(1)
	for i := w; i < len(keys); i += workers {
		s.Put(keys[i])
	}
}

// Bad imports keys with a pool of workers, counted in wg, and checks the
// manifest meanwhile. It returns the check's result at once: nobody ever
// calls wg.Wait(), so the workers are still writing when the caller hears
// "done".
func Bad(s *Store, keys []string) error {
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			importShard(s, keys, w)
		}()
	}
	return checkManifest(keys) // the workers keep writing behind the caller's back
}

// Good defers the Wait right after making the group, so every return,
// an error return included, waits for the workers.
func Good(s *Store, keys []string) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			importShard(s, keys, w)
		}()
	}
	return checkManifest(keys)
}

// Outcome is what a caller of Bad or Good sees.
type Outcome struct {
	Err        error
	Unfinished int32 // workers not done when the function returned
	Writes     int32 // writes attempted in all
	Late       int32 // writes that landed after the caller closed the store
}

// Run calls import (Bad or Good), closes the store as soon as it
// returns, as a caller would, then lets the stragglers finish and counts.
func Run(imp func(*Store, []string) error, keys []string) Outcome {
	s := &Store{}
	err := imp(s, keys)
	unfinished := workers - s.finished.Load()
	s.Close()
	s.WaitAttempts(int32(len(keys)))
	return Outcome{Err: err, Unfinished: unfinished, Writes: s.attempts.Load(), Late: s.late.Load()}
}

// Keys returns n keys.
func Keys(n int) []string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("key-%d", i)
	}
	return keys
}

// Show runs both versions and describes what the caller saw.
func Show(w io.Writer) error {
	keys := Keys(40)
	bad := Run(Bad, keys)
	good := Run(Good, keys)
	fmt.Fprintf(w, "bad:  returned %v with %d of %d workers unfinished; %d of %d writes landed after the caller closed the store\n",
		bad.Err, bad.Unfinished, workers, bad.Late, bad.Writes)
	fmt.Fprintf(w, "good: returned %v with %d of %d workers unfinished; %d of %d writes landed after close\n",
		good.Err, good.Unfinished, workers, good.Late, good.Writes)
	return nil
}
