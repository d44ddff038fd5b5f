package detachedctx

import (
	"context"
	"net/http"
	"time"

	"detachedctx/dep"
	"golang.org/x/sync/errgroup"
)

type store struct{}

func (store) Put(ctx context.Context, key, value string) error    { return ctx.Err() }
func (store) Get(ctx context.Context, key string) (string, error) { return key, ctx.Err() }

type getter interface {
	Get(ctx context.Context, key string) (string, error)
}

func fetch(ctx context.Context, key string) error { return ctx.Err() }

func first[T any](ctx context.Context, xs []T) (T, error) {
	var zero T
	if len(xs) == 0 {
		return zero, ctx.Err()
	}
	return xs[0], nil
}

func directBackground(ctx context.Context) error {
	return fetch(context.Background(), "k") // want `context.Background\(\) cuts fetch off from ctx's cancellation; pass ctx, or context.WithoutCancel\(ctx\) to detach on purpose`
}

func directTODO(ctx context.Context) error {
	return fetch(context.TODO(), "k") // want `context.TODO\(\) cuts fetch off from ctx's cancellation`
}

func throughOneLocal(ctx context.Context) error {
	bg := context.Background() // want `context.Background\(\) cuts`
	return fetch(bg, "k")
}

func throughVarDecl(ctx context.Context) error {
	var bg = context.TODO() // want `context.TODO\(\) cuts`
	return fetch(bg, "k")
}

func method(ctx context.Context, s store) error {
	return s.Put(context.Background(), "k", "v") // want `context.Background\(\) cuts`
}

func interfaceMethod(ctx context.Context, g getter) error {
	_, err := g.Get(context.Background(), "k") // want `context.Background\(\) cuts`
	return err
}

func otherPackage(ctx context.Context) error {
	_, err := dep.Fetch(context.Background(), "k") // want `context.Background\(\) cuts`
	return err
}

func generic(ctx context.Context) (int, error) {
	return first(context.Background(), []int{1}) // want `context.Background\(\) cuts`
}

// The derived ctx is the one to use: it carries the deadline too.
func derivedLocal(ctx context.Context) error {
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	if err := fetch(tctx, "a"); err != nil {
		return err
	}
	return fetch(context.Background(), "b") // want `cuts fetch off from tctx's cancellation; pass tctx,`
}

// A fresh timeout is not a substitute for the caller's cancellation.
func freshTimeout(ctx context.Context) error {
	tctx, cancel := context.WithTimeout(context.Background(), time.Second) // want `context.Background\(\) cuts`
	defer cancel()
	return fetch(tctx, "k")
}

func withValue(ctx context.Context) error {
	return fetch(context.WithValue(context.Background(), key{}, 1), "k") // want `context.Background\(\) cuts`
}

type key struct{}

func errgroupChild(ctx context.Context, keys []string) error {
	g, gctx := errgroup.WithContext(ctx)
	for _, k := range keys {
		g.Go(func() error {
			return fetch(context.Background(), k) // want `cuts fetch off from gctx's cancellation; pass gctx`
		})
	}
	_ = gctx
	return g.Wait()
}

// The request's context is in scope in a handler.
func handler(w http.ResponseWriter, r *http.Request) {
	_ = fetch(context.Background(), r.URL.Path) // want `cuts fetch off from r.Context\(\)'s cancellation; pass r.Context\(\)`
}

type server struct {
	s store
}

func (srv *server) Save(ctx context.Context, k, v string) error {
	if err := srv.s.Put(context.TODO(), k, v); err != nil { // want `context.TODO\(\) cuts`
		return err
	}
	return nil
}

// A literal that runs synchronously sees its function's ctx.
func syncLiteral(ctx context.Context, keys []string) error {
	each := func(k string) error {
		return fetch(context.Background(), k) // want `context.Background\(\) cuts`
	}
	for _, k := range keys {
		if err := each(k); err != nil {
			return err
		}
	}
	return nil
}
