package tests

import (
	"sync/atomic"
	"time"
)

func loadConfig() string { return "" }

// ok: an example shows a program's main: its reloader lives as long as
// the program.
func Example_reloadConfig() {
	var config atomic.Value
	config.Store(loadConfig())
	go func() {
		for {
			time.Sleep(10 * time.Second)
			config.Store(loadConfig())
		}
	}()
}

// An ordinary function in a test file is no example.
func exampleHelper(config *atomic.Value) {
	go func() { // want `goroutine can never stop`
		for {
			time.Sleep(10 * time.Second)
			config.Store(loadConfig())
		}
	}()
}
