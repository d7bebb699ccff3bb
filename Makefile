# The directory's tasks. `make run` and `make test` are all a newcomer needs.

GO    ?= go
ADDR  ?= 127.0.0.1:8080
DB    ?= data/directory.db
NHSUK := node_modules/nhsuk-frontend/dist/nhsuk
SUGGEST := node_modules/accessible-autocomplete/dist
ASSET := web/static/nhsuk/nhsuk-frontend.min.css

.PHONY: run test test-postgres build generate check-generated lint assets clean bench bench-go bench-postgres

# DATABASE_URL, when set (DATABASE_URL=postgres://... make run), puts the
# directory on PostgreSQL instead of $(DB). It reaches the server through its
# environment rather than its command line, so that a password in it never
# shows in a process list.
export DATABASE_URL

## run: serve the directory on $(ADDR) from $(DB), or from PostgreSQL when DATABASE_URL is set, migrating and seeding a new database
run: assets
	$(GO) run ./cmd/directory serve -addr "$(ADDR)" -db "$(DB)"

## test: lint, check generated code is fresh, and run every test with the race detector; given a PostgreSQL server (TEST_DATABASE_URL), the handler tests run again on it
test: assets lint check-generated
	$(GO) test -race -count=1 -timeout 30m ./...
	@if [ -n "$$TEST_DATABASE_URL" ]; then \
		echo "== the handler tests again, on PostgreSQL"; \
		DIRECTORY_TEST_STORE=postgres $(GO) test -race -count=1 -timeout 30m ./internal/server/; fi

## test-postgres: `make test` beside a throwaway PostgreSQL cluster, so the PostgreSQL tests run rather than skip
test-postgres:
	scripts/with-postgres $(MAKE) test

## build: build bin/directory with the static files embedded
build: assets
	$(GO) build -o bin/directory ./cmd/directory

## bench: load the server on loopback, over the seeded data and a synthetic England, beside a bare-handler baseline (about 2 minutes)
bench: build
	$(GO) build -o bin/bench ./cmd/bench
	./bin/bench -bin bin/directory $(BENCHFLAGS)

## bench-postgres: the same load over PostgreSQL, on a throwaway cluster (the seeded data, and the synthetic England moved in by `directory transfer`)
bench-postgres: build
	$(GO) build -o bin/bench ./cmd/bench
	scripts/with-postgres sh -c './bin/bench -bin bin/directory -database-url "$$TEST_DATABASE_URL" $(BENCHFLAGS)'

## bench-go: the Go benchmarks of store queries and page serving
bench-go:
	$(GO) test -run '^$$' -bench . -benchmem ./internal/... ./web/...

## generate: turn the templ files into Go
generate:
	$(GO) tool templ generate

## check-generated: fail if the committed *_templ.go files are not what templ generates
check-generated:
	@$(GO) tool templ generate >/dev/null 2>&1 || $(GO) tool templ generate
	@if [ -n "$$(git status --porcelain -- '*_templ.go')" ]; then \
		echo "Generated templ code is stale; run 'make generate' and commit:"; \
		git status --porcelain -- '*_templ.go'; exit 1; fi

## lint: go vet, a gofmt check, and no compiled binary or file over 2 MB tracked by git
lint:
	$(GO) vet ./...
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' | grep -v '_templ.go$$')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted"; exit 1; fi
	@scripts/check-tracked-files

## assets: install the NHS.UK frontend and the accessible autocomplete from npm and copy their compiled files into web/static
assets: $(ASSET)

$(ASSET): package.json package-lock.json
	npm ci --no-audit --no-fund
	mkdir -p web/static/nhsuk web/static/images web/static/accessible-autocomplete
	cp $(NHSUK)/nhsuk-frontend.min.css $(NHSUK)/nhsuk-frontend.min.js web/static/nhsuk/
	cp $(NHSUK)/assets/images/* web/static/images/
	cp $(SUGGEST)/accessible-autocomplete.min.js $(SUGGEST)/accessible-autocomplete.min.css web/static/accessible-autocomplete/
	touch $(ASSET)

## clean: remove what the build made
clean:
	rm -rf bin node_modules web/static/nhsuk web/static/images web/static/accessible-autocomplete
