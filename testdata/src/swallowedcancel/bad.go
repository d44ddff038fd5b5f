package swallowedcancel

import (
	"context"
	"errors"
	"fmt"
	"time"
)

type Page struct{ Body string }

type Client struct {
	pages chan *Page
	items chan int
}

func (c *Client) count(ctx context.Context) (int, error) { return 0, ctx.Err() }

// (b) a Done case that returns a zero value and a nil error.

func (c *Client) fetchReturnsNilPage(ctx context.Context) (*Page, error) {
	select {
	case p := <-c.pages:
		return p, nil
	case <-ctx.Done(): // want `cancellation of ctx is observed here and then swallowed: the function returns a nil error`
		return nil, nil
	}
}

func (c *Client) collectReturnsPartial(ctx context.Context) ([]int, error) {
	var out []int
	for {
		select {
		case v := <-c.items:
			out = append(out, v)
		case <-ctx.Done(): // want `cancellation of ctx is observed here and then swallowed`
			return out, nil
		}
	}
}

func (c *Client) nilOnOnePath(ctx context.Context, strict bool) (int, error) {
	select {
	case v := <-c.items:
		return v, nil
	case <-ctx.Done(): // want `cancellation of ctx is observed here and then swallowed`
		if strict {
			return 0, ctx.Err()
		}
		return 0, nil
	}
}

func (c *Client) derivedTimeout(ctx context.Context) (*Page, error) {
	tctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	select {
	case p := <-c.pages:
		return p, nil
	case <-tctx.Done(): // want `cancellation of tctx is observed here and then swallowed`
		return &Page{}, nil
	}
}

func (c *Client) threeResults(ctx context.Context) (int, bool, error) {
	select {
	case v := <-c.items:
		return v, true, nil
	case <-ctx.Done(): // want `cancellation of ctx is observed here and then swallowed`
		return 0, false, nil
	}
}

func (c *Client) literalWithResults(ctx context.Context) {
	fetch := func() (*Page, error) {
		select {
		case p := <-c.pages:
			return p, nil
		case <-ctx.Done(): // want `cancellation of ctx is observed here and then swallowed`
			return nil, nil
		}
	}
	_, _ = fetch()
}

func (c *Client) afterPlainReceive(ctx context.Context) (int, error) {
	<-ctx.Done() // want `cancellation of ctx is observed here and then swallowed`
	return 0, nil
}

// (a) a branch on an observed cancellation that returns a nil error.

func (c *Client) countErrorsIs(ctx context.Context) (int, error) {
	n, err := c.count(ctx)
	if errors.Is(err, context.Canceled) { // want `cancellation is observed here and then swallowed: the function returns a nil error`
		return 0, nil
	}
	return n, err
}

func (c *Client) countEquals(ctx context.Context) (int, error) {
	n, err := c.count(ctx)
	if err == context.Canceled { // want `cancellation is observed here and then swallowed`
		return 0, nil
	}
	return n, err
}

func (c *Client) errGuard(ctx context.Context) (*Page, error) {
	if ctx.Err() != nil { // want `cancellation of ctx is observed here and then swallowed`
		return nil, nil
	}
	return <-c.pages, nil
}

func (c *Client) errEqualsCanceled(ctx context.Context) (*Page, error) {
	if ctx.Err() == context.Canceled { // want `cancellation of ctx is observed here and then swallowed`
		return nil, nil
	}
	return <-c.pages, nil
}

func (c *Client) isCtxErr(ctx context.Context) (*Page, error) {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) { // want `cancellation of ctx is observed here and then swallowed`
		return nil, nil
	}
	return <-c.pages, nil
}

func (c *Client) eitherCancellation(ctx context.Context) (int, error) {
	n, err := c.count(ctx)
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) { // want `cancellation is observed here and then swallowed`
		return 0, nil
	}
	return n, err
}

func (c *Client) andedWithOther(ctx context.Context, retrying bool) (int, error) {
	n, err := c.count(ctx)
	if retrying && errors.Is(err, context.Canceled) { // want `cancellation is observed here and then swallowed`
		return 0, nil
	}
	return n, err
}

func (c *Client) initStatement(ctx context.Context) (int, error) {
	if err := ctx.Err(); err != nil { // want `cancellation of ctx is observed here and then swallowed`
		return 0, nil
	}
	return c.count(ctx)
}

func (c *Client) wrapped(ctx context.Context) (int, error) {
	n, err := c.count(ctx)
	werr := fmt.Errorf("count: %w", err)
	if errors.Is(werr, context.Canceled) { // want `cancellation is observed here and then swallowed`
		return 0, nil
	}
	return n, werr
}

func (c *Client) switchOnErr(ctx context.Context) (int, error) {
	n, err := c.count(ctx)
	switch err {
	case nil:
		return n, nil
	case context.Canceled, context.DeadlineExceeded: // want `cancellation is observed here and then swallowed`
		return 0, nil
	default:
		return 0, err
	}
}

func (c *Client) tagLessSwitch(ctx context.Context) (int, error) {
	n, err := c.count(ctx)
	switch {
	case errors.Is(err, context.Canceled): // want `cancellation is observed here and then swallowed`
		return n, nil
	case err != nil:
		return 0, err
	}
	return n, nil
}

// (c) a Done case in a loop that falls through to the next iteration.

func spinsOnEmptyCase(ctx context.Context, events <-chan int) {
	for {
		select {
		case <-ctx.Done(): // want `cancellation of ctx is observed here and then ignored: the loop keeps running`
		case ev := <-events:
			_ = ev
		}
	}
}

func spinsOnContinue(ctx context.Context, events <-chan int) {
	for {
		select {
		case <-ctx.Done(): // want `the loop keeps running`
			continue
		case ev := <-events:
			_ = ev
		}
	}
}

func retriesAfterCancel(ctx context.Context, try func() error) error {
	var errs []error
	for attempt := 0; attempt < 5; attempt++ {
		errs = append(errs, try())
		select {
		case <-ctx.Done(): // want `the loop keeps running`
		case <-time.After(time.Duration(attempt) * time.Second):
		}
	}
	return errors.Join(errs...)
}

func checksAndCarriesOn(ctx context.Context, items []string, process func(string)) {
	for _, it := range items {
		select {
		case <-ctx.Done(): // want `the loop keeps running`
			break
		default:
		}
		process(it)
	}
}

func conditionNotAboutCtx(ctx context.Context, n int, tick <-chan time.Time) {
	remaining := n
	for remaining > 0 {
		select {
		case <-tick:
			remaining--
		case <-ctx.Done(): // want `the loop keeps running`
		}
	}
}
