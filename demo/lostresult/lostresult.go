// Package lostresult shows the lostresult rule at run time: errors from
// goroutines started with a go statement never reach the caller.
package lostresult

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"
)

// Store is a backend whose writes of keys starting with "bad" fail.
type Store struct {
	attempts atomic.Int32
	failures atomic.Int32
}

// Save writes one key.
func (s *Store) Save(key string) error {
	defer s.attempts.Add(1)
	time.Sleep(time.Millisecond) // a write takes time
	if strings.HasPrefix(key, "bad") {
		s.failures.Add(1)
		return fmt.Errorf("save %s: disk full", key)
	}
	return nil
}

// Bad starts every write with a go statement: Save's error is dropped,
// and Bad reports success whatever happens.
func Bad(s *Store, keys []string) error {
	for _, k := range keys {
		//asynclint:ignore unboundedgo this demo is about the dropped error; unboundedgo has its own
		go s.Save(k)
	}
	return nil
}

// Good runs the writes in an errgroup, which collects the first error.
func Good(ctx context.Context, s *Store, keys []string) error {
	g, _ := errgroup.WithContext(ctx)
	g.SetLimit(4)
	for _, k := range keys {
		g.Go(func() error { return s.Save(k) })
	}
	return g.Wait()
}

// WaitAttempts waits until n writes have been attempted (Bad does not
// wait for its goroutines, so the demo has to).
func (s *Store) WaitAttempts(n int32) {
	deadline := time.Now().Add(5 * time.Second)
	for s.attempts.Load() < n && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
}

// Keys returns n keys of which every third one fails.
func Keys(n int) []string {
	keys := make([]string, n)
	for i := range keys {
		keys[i] = fmt.Sprintf("key-%d", i)
		if i%3 == 2 {
			keys[i] = fmt.Sprintf("bad-%d", i)
		}
	}
	return keys
}

// Show runs both versions and describes what the caller saw.
func Show(w io.Writer) error {
	keys := Keys(12)
	bad := &Store{}
	badErr := Bad(bad, keys)
	bad.WaitAttempts(int32(len(keys)))
	good := &Store{}
	goodErr := Good(context.Background(), good, keys)
	fmt.Fprintf(w, "bad:  %d writes started with go s.Save(k), %d failed; the caller got err=%v and reported success\n",
		bad.attempts.Load(), bad.failures.Load(), badErr)
	fmt.Fprintf(w, "good: %d writes run in an errgroup, %d failed; the caller got err=%q\n",
		good.attempts.Load(), good.failures.Load(), goodErr)
	return nil
}
