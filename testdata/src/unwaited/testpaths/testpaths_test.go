package testpaths

import (
	"errors"
	"sync"
	"testing"
)

func open() error { return errors.New("refused") }

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
