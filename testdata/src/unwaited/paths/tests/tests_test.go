package tests

import (
	"errors"
	"sync"
	"testing"
)

func open() error { return errors.New("refused") }

// With -unwaited.paths test code is judged like any other: the helper's
// failure return leaves the goroutine running.
func runPair(t *testing.T) error {
	var wg sync.WaitGroup
	wg.Add(1) // want `goroutines added to wg are not awaited on every path`
	go func() {
		defer wg.Done()
	}()
	if err := open(); err != nil {
		return err
	}
	wg.Wait()
	return nil
}

// A group never awaited is reported with the flag too.
func TestNeverWaits(t *testing.T) {
	var wg sync.WaitGroup
	wg.Add(1) // want `goroutines added to wg are never awaited`
	go func() {
		defer wg.Done()
	}()
}
