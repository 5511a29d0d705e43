/* The search page (theme/templates/search.html). Asks Pagefind's index, built into pagefind/
   by tools/build.py, for the words in ?q= (the header's field and this page's form both send
   them as a plain GET, which is all the page does with JavaScript off) and lists each result's
   title, link and excerpt. Pagefind searches in its Web Worker (pagefind/pagefind-worker.js,
   under the search page's policy: README, "Search"), so loading its WebAssembly and index
   never blocks this page's thread; it falls back to this thread where a worker cannot start.
   The status line is a live region, so a screen reader hears how many results there are. */
(function () {
  var form = document.querySelector("form[data-search]");
  if (!form) return;
  var input = form.elements.q;
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var bundle = new URL(form.dataset.search, location.href);
  var loading, latest = 0, found = [], words = "", onThisThread = false;
  var PAGE = 10;  // each result's excerpt is a request of its own

  function pagefind() {
    loading = loading || import(bundle.href + "pagefind.js").then(function (pf) {
      // Result addresses are relative to the site, wherever SITEURL puts it.
      return pf.options({ baseUrl: new URL("..", bundle).pathname, noWorker: onThisThread })
        .then(function () { return pf; });
    });
    return loading;
  }

  // A worker held to a stricter policy than the page's (a host without its rule) cannot
  // fetch the index: search once more on this thread, under the page's own policy.
  async function onPageThread() {
    if (onThisThread) return false;
    onThisThread = true;
    try {
      await (await pagefind()).destroy();
    } catch (error) {
      return false;  // Pagefind's script itself did not load: no thread can search
    }
    loading = null;
    return true;
  }

  // Pagefind marks the matching words with <mark>; keep those and plain text, nothing else.
  function excerpt(html) {
    var template = document.createElement("template");
    var p = document.createElement("p");
    template.innerHTML = html;
    template.content.childNodes.forEach(function (node) {
      if (node.nodeName != "MARK") return p.append(node.textContent);
      var mark = document.createElement("mark");
      mark.textContent = node.textContent;
      p.append(mark);
    });
    return p;
  }

  function item(result) {
    var li = document.createElement("li");
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = result.url;
    link.textContent = result.meta.title || result.url;
    heading.append(link);
    li.append(heading, excerpt(result.excerpt));
    return li;
  }

  // The next PAGE results, added to the list; says how many there are and how many are shown.
  async function show(mine) {
    var next = found.slice(list.children.length, list.children.length + PAGE);
    var items = (await Promise.all(next.map(function (r) { return r.data(); }))).map(item);
    if (mine != latest) return [];  // a newer search has started
    list.append.apply(list, items);
    var shown = list.children.length;
    more.hidden = shown >= found.length;
    status.textContent = !found.length
      ? "Nothing found for " + words + ". Try other words, or browse with the links above."
      : (found.length == 1 ? "1 result" : found.length + " results") + " for " + words +
        (found.length > shown ? ", the first " + shown + " shown." : ".");
    return items;
  }

  async function run(query) {
    var mine = ++latest;
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "Searching…";
    try {
      var results = (await (await pagefind()).search(query)).results;
      if (mine != latest) return;
      found = results;
      words = "“" + query + "”";
      await show(mine);
    } catch (error) {
      if (mine == latest && await onPageThread()) return run(query);
      status.textContent = "Search could not be loaded. You can browse the articles with the links above.";
    }
  }

  // Keyboard users land on the first new result, not back at the top.
  more.addEventListener("click", async function () {
    var items = await show(latest);
    if (items.length) items[0].querySelector("a").focus();
  });

  // Each search is a step in the history, so that Back returns to the one before.
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    history.pushState(null, "", "?q=" + encodeURIComponent(input.value));
    run(input.value);
  });
  function fromAddress() {
    var query = new URLSearchParams(location.search).get("q") || "";
    input.value = query;
    if (query.trim()) return run(query);
    ++latest;
    list.replaceChildren();
    more.hidden = true;
    status.textContent = "";
  }
  window.addEventListener("popstate", fromAddress);
  fromAddress();
})();
