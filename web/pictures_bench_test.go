package web

import (
	"context"
	"io"
	"testing"
)

func BenchmarkCoverageMapFigure(b *testing.B) {
	m := testMatrix()
	cm := NewCoverageMap("bench-map", m, testTiles, m.ServiceTypes[0])
	for b.Loop() {
		if err := CoverageMapFigure(cm).Render(context.Background(), io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBarChartFigure(b *testing.B) {
	ind := testIndicator()
	for b.Loop() {
		c := IndicatorChart("chart-alcohol", "table-alcohol", ind, ind.Values, nil)
		if err := BarChartFigure(c).Render(context.Background(), io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
