package fix

import (
	"context"
	"errors"
)

type Page struct{}

func fetch(ctx context.Context, pages chan *Page) (*Page, error) {
	select {
	case p := <-pages:
		return p, nil
	case <-ctx.Done(): // want `swallowed`
		return nil, nil
	}
}

func count(ctx context.Context, op func(context.Context) (int, error)) (int, error) {
	n, err := op(ctx)
	if errors.Is(err, context.Canceled) { // want `swallowed`
		return 0, nil
	}
	return n, err
}

func guard(ctx context.Context, op func(context.Context) (int, error)) (int, error) {
	if ctx.Err() != nil { // want `swallowed`
		return -1, nil
	}
	return op(ctx)
}

func initErr(ctx context.Context, op func(context.Context) (int, error)) (int, error) {
	if err := ctx.Err(); err != nil { // want `swallowed`
		return -1, nil
	}
	return op(ctx)
}

func twoReturns(ctx context.Context, items chan int, partial bool) ([]int, error) {
	var out []int
	for {
		select {
		case v := <-items:
			out = append(out, v)
		case <-ctx.Done(): // want `swallowed`
			if partial {
				return out, nil
			}
			return nil, nil
		}
	}
}

func switchCase(ctx context.Context, op func(context.Context) (int, error)) (int, error) {
	n, err := op(ctx)
	switch err {
	case context.Canceled: // want `swallowed`
		return 0, nil
	}
	return n, err
}

func renamedCtx(c context.Context, pages chan *Page) (*Page, error) {
	select {
	case p := <-pages:
		return p, nil
	case <-c.Done(): // want `swallowed`
		return nil, nil
	}
}

type Request struct{ ctx context.Context }

func (r *Request) Context() context.Context { return r.ctx }

func requestCtx(r *Request, pages chan *Page) (*Page, error) {
	select {
	case p := <-pages:
		return p, nil
	case <-r.Context().Done(): // want `swallowed`
		return nil, nil
	}
}
