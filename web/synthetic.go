package web

import "context"

type syntheticKey struct{}

// WithSyntheticData marks the request as one answered from a synthetic
// dataset, so the layout warns that nothing on the page is real.
func WithSyntheticData(ctx context.Context) context.Context {
	return context.WithValue(ctx, syntheticKey{}, true)
}

// syntheticData reports whether the page is drawn from a synthetic dataset.
func syntheticData(ctx context.Context) bool {
	v, _ := ctx.Value(syntheticKey{}).(bool)
	return v
}
