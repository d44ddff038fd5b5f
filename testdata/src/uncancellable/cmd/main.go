package main

import (
	"context"
	"time"
)

// ok: main owns the process.
func main() {
	run := func(ctx context.Context) {
		time.Sleep(time.Minute)
	}
	run(context.Background())
}
