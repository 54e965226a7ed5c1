-- Whole-file downloads, as iOS's installer makes them.
dofile(os.getenv("WRK_DIR") .. "/report.lua")
wrk.headers["User-Agent"] = "com.apple.appstored/1.0 iOS/17.5 model/iPhone15,2 hwp/t8120 build/21F79 (6; dt:281) AMS/1"
done = report
