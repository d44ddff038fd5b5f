// Package inline holds the fixtures of RunsInline and Visible.
package inline

import (
	"context"
	"net/http"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"
)

func visible() {}

type server struct{ onStop func() }

func literals(ctx context.Context, s *server) error {
	func() {}()       // want `inline=true`
	defer func() {}() // want `inline=true`
	go func() {}()    // want `inline=false`

	each := func() {} // want `inline=true`
	each()
	var also = func() {} // want `inline=true`
	also()

	started := func() {} // want `inline=false`
	go started()

	passed := func() {} // want `inline=false`
	time.AfterFunc(time.Second, passed)

	s.onStop = func() {} // want `inline=false`

	time.AfterFunc(time.Second, func() {})                                // want `inline=false`
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {}) // want `inline=false`

	var once sync.Once
	once.Do(func() {}) // want `inline=true`

	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error { return gctx.Err() }) // want `inline=true`
	return g.Wait()
}

func returned() func() {
	return func() {} // want `inline=false`
}

func visibility(ctx context.Context) {
	visible() // want `visible=\[ctx\]`
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	visible() // want `visible=\[ctx tctx\]`
	{
		// The parameter is shadowed: this ctx is the local.
		ctx := context.Background()
		visible() // want `visible=\[tctx ctx\]`
		_ = ctx
	}
	_ = tctx
}
