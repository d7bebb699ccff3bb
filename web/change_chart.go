package web

import "github.com/wessex-network/directory/internal/directory"

// RatingCount is how many cells of the matrix carried a rating on each of two dates.
type RatingCount struct {
	Rating   directory.Rating
	From, To int
}

// CountRatings counts the cells of two matrices by rating, in legend order.
func CountRatings(from, to *directory.Matrix) []RatingCount {
	counts := make([]RatingCount, len(directory.Ratings))
	for i, r := range directory.Ratings {
		counts[i] = RatingCount{Rating: r, From: from.Count("", r), To: to.Count("", r)}
	}
	return counts
}

// ChangeChart draws the counts side by side: for each rating, a grey bar for
// the first date and a blue one for the second, each labelled in words.
func ChangeChart(id, tableID, fromLabel, toLabel string, counts []RatingCount) BarChart {
	c := BarChart{ID: id, TableID: tableID, Title: "Cells by rating on " + fromLabel + " and on " + toLabel}
	for _, rc := range counts {
		from, to := float64(rc.From), float64(rc.To)
		c.Bars = append(c.Bars,
			Bar{Area: string(rc.Rating) + "-from", Label: rc.Rating.Short() + ", then", Value: &from, Comparator: true, Count: true},
			Bar{Area: string(rc.Rating) + "-to", Label: rc.Rating.Short() + ", now", Value: &to, Count: true})
	}
	return c
}
