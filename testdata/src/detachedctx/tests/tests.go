// Package tests holds test code: reported only with -detachedctx.tests,
// where t.Context() is the context in scope.
package tests

import (
	"context"
	"testing"
)

func fetch(ctx context.Context, key string) error { return ctx.Err() }

func TestFetch(t *testing.T) {
	if err := fetch(context.Background(), "k"); err != nil { // want `context.Background\(\) cuts fetch off from t.Context\(\)'s cancellation; pass t.Context\(\)`
		t.Fatal(err)
	}
}

func BenchmarkFetch(b *testing.B) {
	for range b.N {
		_ = fetch(context.TODO(), "k") // want `context.TODO\(\) cuts fetch off from b.Context\(\)'s cancellation`
	}
}

// A helper with its own ctx parameter: that ctx is the one to pass.
func helper(t *testing.T, ctx context.Context) {
	t.Helper()
	_ = fetch(context.Background(), "k") // want `cuts fetch off from ctx's cancellation; pass ctx,`
}

// ok: no test context and no ctx in scope.
func fixture() error {
	return fetch(context.Background(), "k")
}

// ok: t.Cleanup runs after the test's context is cancelled.
func TestCleanup(t *testing.T) {
	t.Cleanup(func() {
		_ = fetch(context.Background(), "cleanup")
	})
}
