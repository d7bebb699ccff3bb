package browsertest

import "testing"

// matrixLayout is how the coverage matrix sits on the page.
type matrixLayout struct {
	Columns      int     `json:"columns"`      // area columns the matrix has
	Visible      int     `json:"visible"`      // of those, how many lie wholly in view without scrolling
	Scrolls      bool    `json:"scrolls"`      // whether its scroll box is wider than the box
	BeforeMap    bool    `json:"beforeMap"`    // whether it comes before the map
	Top          float64 `json:"top"`          // how far down the page it starts, in pixels
	StickyHeader string  `json:"stickyHeader"` // the position of a row's service type
	Filled       int     `json:"filled"`       // rated cells with a background colour of their own
}

const measureMatrix = `(function () {
	const table = document.querySelector('[data-testid="coverage-matrix"]');
	const box = table.closest('.nhsuk-scroll__content') || table.parentElement;
	const heads = Array.from(table.querySelectorAll('thead th')).slice(1);
	const inView = heads.filter(th => { const r = th.getBoundingClientRect(); return r.left >= 0 && r.right <= window.innerWidth + 0.5; });
	const map = document.getElementById('map');
	const cells = Array.from(table.querySelectorAll('td.app-matrix__cell'));
	const filled = cells.filter(td => getComputedStyle(td).backgroundColor !== 'rgba(0, 0, 0, 0)');
	return {
		columns: heads.length,
		visible: inView.length,
		scrolls: box.scrollWidth > box.clientWidth + 1,
		beforeMap: !map || !!(table.compareDocumentPosition(map) & Node.DOCUMENT_POSITION_FOLLOWING),
		top: table.getBoundingClientRect().top + window.scrollY,
		stickyHeader: getComputedStyle(table.querySelector('tbody th')).position,
		filled: filled.length,
	};
})()`

// TestCoverageMatrixComesFirstAndFits checks what a commissioner sees on
// opening /coverage: the whole matrix first, filled with each rating's
// colour, fitting a 1280-pixel screen without scrolling sideways; on a phone
// it scrolls within its box with the service types kept in view.
func TestCoverageMatrixComesFirstAndFits(t *testing.T) {
	s := startSite(t)
	p := openTab(t, s, desktop, true)
	p.visit("/coverage", 200)
	m := eval[matrixLayout](p, measureMatrix)
	if m.Columns != 7 || m.Visible != m.Columns || m.Scrolls {
		t.Errorf("at 1280 px %d of the %d area columns are in view, and the matrix scrolls sideways: %v", m.Visible, m.Columns, m.Scrolls)
	}
	if !m.BeforeMap {
		t.Error("the map comes before the matrix")
	}
	if m.Top > 600 {
		t.Errorf("the matrix starts %.0f px down the page; it should open the page", m.Top)
	}
	if m.Filled != 49 {
		t.Errorf("%d of the 49 rated cells are filled with their rating's colour", m.Filled)
	}
	p.checkNoSidewaysScroll()

	// Today's councils fit as well.
	p.visit("/coverage?areas=current", 200)
	if cm := eval[matrixLayout](p, measureMatrix); cm.Columns != 6 || cm.Visible != cm.Columns || cm.Scrolls {
		t.Errorf("on today's areas at 1280 px %d of the %d area columns are in view, and the matrix scrolls sideways: %v", cm.Visible, cm.Columns, cm.Scrolls)
	}

	phone := openTab(t, s, phone, true)
	phone.visit("/coverage", 200)
	pm := eval[matrixLayout](phone, measureMatrix)
	if !pm.Scrolls || pm.StickyHeader != "sticky" {
		t.Errorf("on a phone the matrix should scroll within its box (%v) with the service types kept in view (position %q)", pm.Scrolls, pm.StickyHeader)
	}
	phone.checkNoSidewaysScroll()
}
