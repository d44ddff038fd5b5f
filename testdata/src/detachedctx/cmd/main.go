package main

import "context"

func fetch(ctx context.Context, key string) error { return ctx.Err() }

// ok: main owns the process; its closures are part of it.
func main() {
	run := func(ctx context.Context) error {
		return fetch(context.Background(), "k")
	}
	_ = run(context.Background())
}
