package tests

import (
	"errors"
	"sync"
	"testing"
)

func open() error { return errors.New("refused") }

// ok: the only path that skips Wait is the helper's failure return, which
// the test turns into a failure (quic-go's stream tests): awaited on some
// paths, so reported only with -unwaited.paths (paths/tests).
func runPair(t *testing.T) error {
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
	}()
	if err := open(); err != nil {
		return err
	}
	wg.Wait()
	return nil
}

func TestPair(t *testing.T) {
	if err := runPair(t); err != nil {
		t.Fatal(err)
	}
}

// A group never awaited is still reported in tests (nats' sub_test).
func TestNeverWaits(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1) // want `goroutines added to wg are never awaited`
	go func() {
		defer wg.Done()
	}()
}
