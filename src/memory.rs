//! Giving memory back to the operating system after a burst.
//!
//! Inspecting an upload builds a zip directory and decodes an icon: many small allocations,
//! freed at the end, which glibc's allocator keeps in its arenas (a 50,000-entry upload left
//! the process tens of MB larger for good). `malloc_trim(0)` hands the free pages back.

/// Returns freed heap memory to the OS where the allocator can (glibc); a no-op elsewhere.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases free memory held by the allocator; it touches no
    // live allocation and is thread-safe in glibc.
    unsafe {
        libc::malloc_trim(0);
    }
}
