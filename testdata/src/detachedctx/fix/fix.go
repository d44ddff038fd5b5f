package fix

import (
	"context"
	"net/http"
	"time"
)

func fetch(ctx context.Context, key string) error { return ctx.Err() }

func direct(ctx context.Context) error {
	return fetch(context.Background(), "k") // want `context.Background\(\) cuts fetch off`
}

func throughLocal(ctx context.Context) error {
	bg := context.TODO() // want `context.TODO\(\) cuts fetch off`
	return fetch(bg, "k")
}

func derived(ctx context.Context) error {
	tctx, cancel := context.WithTimeout(context.Background(), time.Second) // want `context.Background\(\) cuts WithTimeout off`
	defer cancel()
	return fetch(tctx, "k")
}

func handler(w http.ResponseWriter, r *http.Request) {
	if err := fetch(context.Background(), r.URL.Path); err != nil { // want `pass r.Context\(\)`
		http.Error(w, err.Error(), http.StatusBadGateway)
	}
}
