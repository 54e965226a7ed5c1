-- The landing page as an iPhone's Safari asks for it (no Accept-Encoding: identity bytes).
dofile(os.getenv("WRK_DIR") .. "/report.lua")
wrk.headers["User-Agent"] =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 " ..
  "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
wrk.headers["Accept"] = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
done = report
