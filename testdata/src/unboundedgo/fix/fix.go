package fix

import (
	"context"

	"golang.org/x/sync/errgroup"
)

func fetch(ctx context.Context, url string) error { return ctx.Err() }

// fetchAll fetches every URL.
func fetchAll(ctx context.Context, urls []string) error {
	g, ctx := errgroup.WithContext(ctx)
	for _, u := range urls {
		g.Go(func() error { return fetch(ctx, u) }) // want `g.Go starts a goroutine for each element of urls and g has no limit`
	}
	return g.Wait()
}

type crawler struct{ visited map[string]bool }

func (c *crawler) crawl(ctx context.Context, seeds []string) error {
	var group errgroup.Group
	for _, s := range seeds {
		group.Go(func() error { return fetch(ctx, s) }) // want `group.Go starts a goroutine for each element of seeds`
	}
	for _, s := range seeds {
		group.Go(func() error { return fetch(ctx, s+"/robots.txt") }) // want `group.Go starts a goroutine for each element of seeds`
	}
	return group.Wait()
}

const crawlLimit = "taken"

// Crawl needs another name for its constant: crawlLimit is taken.
func Crawl(ctx context.Context, seeds []string) error {
	g := new(errgroup.Group)
	for _, s := range seeds {
		g.Go(func() error { return fetch(ctx, s) }) // want `g.Go starts a goroutine for each element of seeds`
	}
	return g.Wait()
}

func noStatementToFollow(ctx context.Context, urls []string) error {
	if g, ctx := errgroup.WithContext(ctx); g != nil {
		for _, u := range urls {
			g.Go(func() error { return fetch(ctx, u) }) // want `g.Go starts a goroutine for each element of urls`
		}
		return g.Wait()
	}
	return nil
}
