package tests

import (
	"sync"
	"testing"
)

func checkEach(t *testing.T, inputs []string) {
	var wg sync.WaitGroup
	for _, in := range inputs {
		wg.Add(1)
		go func() { // want `goroutine started for each element of inputs`
			defer wg.Done()
			_ = in
		}()
	}
	wg.Wait()
}

func TestEachInput(t *testing.T) { checkEach(t, inputs()) }
