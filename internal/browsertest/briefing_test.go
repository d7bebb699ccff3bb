package browsertest

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// maxBriefingPages is how many sides of A4 an area's briefing may take.
const maxBriefingPages = 2

var (
	// pdfPageObject matches a page object and not the page tree ("/Type
	// /Pages"). Chromium writes page objects uncompressed, so they can be
	// counted in the file's bytes.
	pdfPageObject = regexp.MustCompile(`/Type\s*/Page\b`)
	pdfMediaBox   = regexp.MustCompile(`/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]`)
)

// pdfPageCount counts the pages of a PDF that Chromium printed, and fails
// unless each of them is A4 (595 by 842 points).
func pdfPageCount(t *testing.T, pdf []byte) int {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("the print is not a PDF: it begins %.20q", pdf)
	}
	pages := len(pdfPageObject.FindAll(pdf, -1))
	boxes := pdfMediaBox.FindAllSubmatch(pdf, -1)
	if pages == 0 || len(boxes) != pages {
		t.Fatalf("the PDF has %d page objects and %d media boxes", pages, len(boxes))
	}
	for _, b := range boxes {
		var v [4]float64
		for i := range v {
			v[i], _ = strconv.ParseFloat(string(b[i+1]), 64)
		}
		if w, h := v[2]-v[0], v[3]-v[1]; math.Abs(w-595) > 2 || math.Abs(h-842) > 2 {
			t.Errorf("a page is %.0f by %.0f points, not A4", w, h)
		}
	}
	return pages
}

// printA4 prints the tab's page as the browser's print command would onto
// A4 paper, backgrounds included, and saves the PDF as
// test-output/briefing/NAME.pdf at the module root.
func (p *tab) printA4(name string) []byte {
	p.t.Helper()
	pdf := run(p, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPrintBackground()))
	dir := filepath.Join(moduleRoot, "test-output", "briefing")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		p.t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name+".pdf"), pdf, 0o644); err != nil {
		p.t.Fatal(err)
	}
	return pdf
}

// grey renders the page in shades of grey, as a black-and-white printer
// prints it, or back in colour.
func (p *tab) grey(on bool) {
	p.t.Helper()
	filter := ""
	if on {
		filter = "grayscale(1)"
	}
	eval[bool](p, fmt.Sprintf(`(document.body.style.filter = %s, true)`, js(filter)))
}

// recordAction records an action on a gap through the staff form; the tab
// must be logged in.
func (p *tab) recordAction(serviceType, area, what, lead, due, status, recommendation string) {
	p.t.Helper()
	p.visit("/staff/actions/new?service_type="+serviceType+"&area="+area, 200)
	p.fill("#what", what)
	p.fill("#lead", lead)
	p.fill("#due", due)
	p.tick(`input[name="status"][value="` + status + `"]`)
	p.fill("#recommendation", recommendation)
	p.press(`form[action="/staff/actions"] button[type="submit"]`, 200, "/staff/actions")
	if got := p.path(); !strings.HasPrefix(got, "/actions#action-") {
		p.t.Fatalf("saving the action led to %s, not the list of actions", got)
	}
}

// swatch is where one rating's fill shows in the briefing's coverage table:
// the box around the white label that names it.
type swatch struct {
	Rating string  `json:"rating"`
	Words  string  `json:"words"`
	Box    rect    `json:"box"`   // the swatch, in CSS pixels from the page's top left
	Label  rect    `json:"label"` // the white label inside it
	Scale  float64 `json:"scale"` // device pixels per CSS pixel
}

type rect struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
	W float64 `json:"w"`
	H float64 `json:"h"`
}

const measureSwatches = `Array.from(document.querySelectorAll('[data-testid="briefing-coverage"] .app-briefing__swatch')).map(el => {
	const box = el.getBoundingClientRect(), label = el.querySelector('.app-matrix__rating').getBoundingClientRect();
	const r = b => ({x: b.left + window.scrollX, y: b.top + window.scrollY, w: b.width, h: b.height});
	return {rating: el.dataset.rating, words: el.innerText.trim(), box: r(box), label: r(label), scale: window.devicePixelRatio};
})`

// fill is what a swatch's fill looks like around its label: the mean and
// the spread of its lightness, 0 (black) to 255 (white). A pattern spreads;
// a flat colour does not.
type fill struct{ mean, spread float64 }

// measureFill reads the pixels of a swatch's fill, leaving out its label.
func measureFill(t *testing.T, shot []byte, s swatch) fill {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(shot))
	if err != nil {
		t.Fatalf("decode the screenshot of %s: %v", s.Rating, err)
	}
	// The label, in the screenshot's pixels, with a pixel's margin for
	// its antialiased edge.
	inner := image.Rect(int((s.Label.X-s.Box.X-1)*s.Scale), int((s.Label.Y-s.Box.Y-1)*s.Scale),
		int(math.Ceil((s.Label.X-s.Box.X+s.Label.W+1)*s.Scale)), int(math.Ceil((s.Label.Y-s.Box.Y+s.Label.H+1)*s.Scale)))
	var sum, sq, n float64
	b := img.Bounds()
	for y := b.Min.Y + 1; y < b.Max.Y-1; y++ {
		for x := b.Min.X + 1; x < b.Max.X-1; x++ {
			if (image.Point{x, y}).In(inner) {
				continue
			}
			r, g, bl, _ := img.At(x, y).RGBA()
			l := (0.299*float64(r) + 0.587*float64(g) + 0.114*float64(bl)) / 257
			sum, sq, n = sum+l, sq+l*l, n+1
		}
	}
	if n < 50 {
		t.Fatalf("the %s swatch shows only %.0f pixels of fill around its label", s.Rating, n)
	}
	mean := sum / n
	return fill{mean: mean, spread: math.Sqrt(math.Max(0, sq/n-mean*mean))}
}

// TestBriefingPrintsOnTwoPagesInColourAndGrey prints Hampshire's briefing,
// with actions recorded on its gaps, to A4 as the browser's print command
// would, in colour and in grey, and fails if either takes more than two
// pages. In grey, each rating's cell must still look unlike every other's
// (its pattern and lightness) and name its rating in words.
func TestBriefingPrintsOnTwoPagesInColourAndGrey(t *testing.T) {
	s := startSite(t)
	staff := openTab(t, s, desktop, true)
	staff.login("editor@example.org")
	staff.recordAction("camhs-under-5s", "hampshire", "Agree a CAMHS offer for children under 5 with Hampshire's mental health trust, starting with the areas the report found no service in.",
		"Hampshire and Isle of Wight Integrated Care Board", "2020-03-31", "agreed", "infant-mental-health-pathway")
	staff.recordAction("camhs-under-5s", "hampshire", "Train CAMHS clinicians in infant mental health.",
		"Wessex Clinical Network", "2099-03-31", "in_progress", "attachment-training")
	staff.recordAction("parent-infant-partnership", "hampshire", "Scope a Parent Infant Partnership for Hampshire with the county's health visitors and perinatal teams.",
		"Hampshire County Council", "2027-09-30", "proposed", "early-intervention")

	p := openTab(t, s, desktop, true)
	p.visit("/areas/hampshire/briefing", 200)
	if got := p.text(`[data-testid="briefing-gap-camhs-under-5s"]`); !strings.Contains(got, "Overdue") {
		t.Errorf("the overdue action is not marked overdue: %q", got)
	}
	if eval[bool](p, `document.querySelector('[data-print]').hidden`) {
		t.Error("with JavaScript on, the briefing's Print button is hidden")
	}
	// At 1280 px nothing in the briefing scrolls sideways, not even within its box.
	if wide := eval[[]string](p, `Array.from(document.querySelectorAll('.app-briefing .nhsuk-scroll__content')).filter(b => b.scrollWidth > b.clientWidth + 1).map(b => b.innerText.slice(0, 40))`); len(wide) > 0 {
		t.Errorf("at 1280 px these scroll sideways within their box: %q", wide)
	}
	p.arrive("briefing-with-actions")

	colour := pdfPageCount(t, p.printA4("hampshire-colour"))
	p.grey(true)
	grey := pdfPageCount(t, p.printA4("hampshire-grey"))
	t.Logf("Hampshire's briefing with three actions prints on %d pages in colour and %d in grey", colour, grey)
	if colour > maxBriefingPages || grey > maxBriefingPages {
		t.Errorf("Hampshire's briefing prints on %d pages in colour and %d in grey; it must fit %d sides of A4", colour, grey, maxBriefingPages)
	}

	// Portsmouth has every rating: each must read apart from the others in grey.
	p.grey(false)
	p.visit("/areas/portsmouth/briefing", 200)
	if n := pdfPageCount(t, p.printA4("portsmouth-colour")); n > maxBriefingPages {
		t.Errorf("Portsmouth's briefing prints on %d pages", n)
	}
	p.media("print")
	p.grey(true)
	swatches := eval[[]swatch](p, measureSwatches)
	byRating := map[string]fill{}
	words := map[string]string{}
	for i, sw := range swatches {
		shot := run(p, chromedp.Screenshot(chromedp.CSS(fmt.Sprintf(`[data-testid="briefing-coverage"] tbody tr:nth-child(%d) .app-briefing__swatch`, i+1))))
		f := measureFill(t, shot, sw)
		if seen, ok := byRating[sw.Rating]; ok && (math.Abs(seen.mean-f.mean) > 8 || math.Abs(seen.spread-f.spread) > 8) {
			t.Errorf("two %s cells look different in grey: %+v and %+v", sw.Rating, seen, f)
		}
		byRating[sw.Rating], words[sw.Rating] = f, sw.Words
	}
	if len(byRating) != 4 {
		t.Fatalf("Portsmouth's briefing shows %d kinds of rating, want all four: %v", len(byRating), words)
	}
	for a, fa := range byRating {
		t.Logf("%s in grey: lightness %.0f, spread %.0f, words %q", a, fa.mean, fa.spread, words[a])
		for b, fb := range byRating {
			// Greys a few shades apart blur on paper: two ratings must
			// differ in pattern (spread) or be far apart in lightness.
			if a < b && math.Abs(fa.mean-fb.mean) < 40 && math.Abs(fa.spread-fb.spread) < 15 {
				t.Errorf("in grey, %s (%+v) and %s (%+v) cells look alike", a, fa, b, fb)
			}
			if a != b && words[a] == words[b] {
				t.Errorf("%s and %s cells both read %q", a, b, words[a])
			}
		}
	}
	p.grey(false)
	p.media("")

	// Without JavaScript the briefing is the same page, and the Print
	// button, which needs it, stays hidden.
	nojs := openTab(t, s, phone, false)
	nojs.visit("/areas/hampshire/briefing", 200)
	if !eval[bool](nojs, `document.querySelector('[data-print]').hidden`) {
		t.Error("without JavaScript the briefing shows a Print button that cannot work")
	}
	nojs.arrive("briefing")
}
