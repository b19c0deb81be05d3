//! After lock (drop), the buffers that held the passphrase, the vault's
//! identity and decrypted testimony hold zeros.
//!
//! How, without undefined behaviour: this test binary installs a global
//! allocator that hands out zero-filled blocks (so every byte of every block
//! is initialised) and, while armed, looks inside each block as it is freed
//! for the secret under watch. The block is still ours during `dealloc`, so
//! reading it is defined. A hit means a secret went back to the allocator in
//! clear, where a later allocation, a core dump or swap could expose it.
//!
//! The binary's own allocator (`allocator::Program`) also wipes every block
//! as it is freed. Most tests watch without it, to prove our own code wipes
//! what it holds; `the_programs_allocator_wipes_what_dependencies_free`
//! watches behind the same `Wiping` layer the binary puts in front of
//! mimalloc.
//!
//! What this cannot see, and is not claimed: copies on the stack (moved
//! values, registers), copies the compiler makes in locals, memory the
//! operating system swapped out before the wipe, and secrets still alive
//! (an unlocked vault holds its key, necessarily). A control case shows the
//! detector does fire on an ordinary `String`.

mod common;

use age::secrecy::{ExposeSecret, SecretString};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicU8, AtomicUsize, Ordering::SeqCst};
use std::sync::Mutex;
use testimony_vault::allocator::Wiping;
use testimony_vault::vault::{crypto, Vault, VaultKey};
use zeroize::Zeroizing;

const MAX_NEEDLE: usize = 96;
static ARMED: AtomicBool = AtomicBool::new(false);
static NEEDLE: [AtomicU8; MAX_NEEDLE] = [const { AtomicU8::new(0) }; MAX_NEEDLE];
static NEEDLE_LEN: AtomicUsize = AtomicUsize::new(0);
static HITS: AtomicUsize = AtomicUsize::new(0);
/// While set, blocks are freed through `Wiping` first, as in the binary.
static WIPING: AtomicBool = AtomicBool::new(false);
/// One scenario at a time: the detector watches one needle.
static SERIAL: Mutex<()> = Mutex::new(());

struct Watch;

unsafe impl GlobalAlloc for Watch {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if ARMED.load(SeqCst) {
            let len = NEEDLE_LEN.load(SeqCst);
            let mut needle = [0u8; MAX_NEEDLE];
            for (n, a) in needle.iter_mut().zip(&NEEDLE) {
                *n = a.load(SeqCst);
            }
            // Every byte was initialised: blocks start zeroed (alloc, realloc).
            let block = unsafe { std::slice::from_raw_parts(ptr, layout.size()) };
            if len > 0 && block.windows(len).any(|w| w == &needle[..len]) {
                HITS.fetch_add(1, SeqCst);
            }
        }
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // A fresh zeroed block, so the grown part is initialised, and the
        // old block goes through `dealloc` to be inspected.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        let new = unsafe { System.alloc_zeroed(new_layout) };
        if !new.is_null() {
            unsafe {
                std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        new
    }
}

/// `Watch`, behind the binary's wiping layer while `WIPING` is set. Both
/// end in the system allocator, so a block may be freed by either.
struct Switch;

const WIPED: Wiping<Watch> = Wiping(Watch);

unsafe impl GlobalAlloc for Switch {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe { Watch.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        unsafe { Watch.alloc_zeroed(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        match WIPING.load(SeqCst) {
            true => unsafe { WIPED.dealloc(ptr, layout) },
            false => unsafe { Watch.dealloc(ptr, layout) },
        }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        match WIPING.load(SeqCst) {
            true => unsafe { WIPED.realloc(ptr, layout, new_size) },
            false => unsafe { Watch.realloc(ptr, layout, new_size) },
        }
    }
}

#[global_allocator]
static SWITCH: Switch = Switch;

/// Run `f` with `needle` under watch; returns how many freed blocks held it.
fn freed_copies(needle: &[u8], f: impl FnOnce()) -> usize {
    assert!(needle.len() <= MAX_NEEDLE && needle.len() >= 16);
    for (a, b) in NEEDLE.iter().zip(needle) {
        a.store(*b, SeqCst);
    }
    NEEDLE_LEN.store(needle.len(), SeqCst);
    HITS.store(0, SeqCst);
    ARMED.store(true, SeqCst);
    f();
    ARMED.store(false, SeqCst);
    HITS.load(SeqCst)
}

/// [`freed_copies`], with every block freed through the binary's `Wiping`.
fn freed_copies_in_program(needle: &[u8], f: impl FnOnce()) -> usize {
    WIPING.store(true, SeqCst);
    let hits = freed_copies(needle, f);
    WIPING.store(false, SeqCst);
    hits
}

/// A random secret built on the stack, so making it frees nothing.
fn stack_secret(tag: u64) -> [u8; 32] {
    let mut rng = testimony_vault::sample::SampleRng::new(tag ^ std::process::id() as u64);
    let mut s = [0u8; 32];
    for b in &mut s {
        *b = b'a' + rng.below(26) as u8;
    }
    s
}

fn as_str(b: &[u8]) -> &str {
    std::str::from_utf8(b).unwrap()
}

#[test]
fn the_detector_sees_an_ordinary_string_freed_in_clear() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let secret = stack_secret(1);
    let hits = freed_copies(&secret, || drop(String::from(as_str(&secret))));
    assert!(hits >= 1, "control: a plain String is freed with its content");
}

#[test]
fn a_passphrase_is_wiped_when_dropped() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let secret = stack_secret(2);
    let hits = freed_copies(&secret, || {
        let p = SecretString::from(as_str(&secret));
        let copy = p.clone();
        assert_eq!(copy.expose_secret().len(), 32);
        drop((p, copy));
    });
    assert_eq!(hits, 0, "SecretString zeroizes on drop");

    // A passphrase read into a String with spare room (a text field, a
    // terminal prompt): `SecretString::from(String)` shrinks it first and the
    // allocator gets the old block back unwiped. `crypto::secret_from` copies
    // then wipes the original.
    let naive = freed_copies(&secret, || {
        let mut typed = String::with_capacity(64);
        typed.push_str(as_str(&secret));
        drop(SecretString::from(typed));
    });
    let careful = freed_copies(&secret, || {
        let mut typed = String::with_capacity(64);
        typed.push_str(as_str(&secret));
        drop(crypto::secret_from(typed));
    });
    assert_eq!(careful, 0, "secret_from leaves no copy behind");
    println!("passphrase from a String with spare capacity: {naive} clear copies freed via SecretString::from, {careful} via secret_from");
}

#[test]
fn the_vault_identity_is_wiped_when_the_key_is_dropped() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let key = Box::new(VaultKey::generate());
    let raw = raw_secret(&key);
    let hits = freed_copies(&raw, || drop(key));
    assert_eq!(hits, 0, "the X25519 secret is zeroized when the key is dropped");
}

#[test]
fn decrypted_buffers_and_cases_are_wiped_when_dropped() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let secret = stack_secret(3);
    let key = VaultKey::generate();
    let mut plaintext = Zeroizing::new(Vec::with_capacity(64));
    plaintext.extend_from_slice(&secret);
    let mut ct = Vec::new();
    let encrypt_hits = freed_copies(&secret, || ct = crypto::encrypt(&[key.recipient()], &plaintext, "test").unwrap());
    let decrypt_hits = freed_copies(&secret, || {
        let pt = crypto::decrypt(key.identity(), &ct, std::path::Path::new("t")).unwrap();
        assert_eq!(&pt[..], &secret[..]);
        drop(pt);
    });
    drop(plaintext);
    println!("one-chunk file: clear copies freed inside age: encrypt {encrypt_hits}, decrypt {decrypt_hits}");
    // age 0.12 frees one clear copy per 64 KiB chunk on each side (its
    // stream buffers are plain Vecs; see RELIABILITY.md). Ours add none:
    // more than one copy for a one-chunk file would be a leak of our own.
    assert!(encrypt_hits <= 1 && decrypt_hits <= 1, "encrypt {encrypt_hits}, decrypt {decrypt_hits}");

    // Case::wipe, checked in place: the old bytes are zero while the String
    // still owns its block (reading it through the pointer is defined).
    let mut case = testimony_vault::sample::sample_case(1, 100);
    case.narrative = String::from(as_str(&secret));
    case.interviewee.real_name = String::from(as_str(&secret));
    let (ptr, cap) = (case.narrative.as_ptr(), case.narrative.capacity());
    case.wipe();
    assert_eq!(case.narrative.capacity(), cap, "wipe keeps the block, so it can be read");
    let block = unsafe { std::slice::from_raw_parts(ptr, cap) };
    assert!(block.iter().all(|&b| b == 0), "narrative bytes are zero after wipe");
    assert!(case.interviewee.real_name.is_empty());

    let hits = freed_copies(&secret, || {
        let mut c = testimony_vault::sample::sample_case(2, 100);
        c.narrative = String::from(as_str(&secret));
        c.interviewee.contact = String::from(as_str(&secret));
        let copy = c.clone();
        drop((c, copy));
    });
    assert_eq!(hits, 0, "a Case wipes every string when dropped");
}

/// A whole unlock, use and lock of a vault, watched for the passphrase, the
/// raw identity and its text form.
#[test]
fn unlock_and_lock_a_vault() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let passphrase_bytes = stack_secret(4);
    let passphrase = as_str(&passphrase_bytes);
    let vault = Vault::create_with(
        dir.path(),
        &SecretString::from(passphrase),
        &testimony_vault::vault::CreateOptions { work_factor: common::TEST_WORK_FACTOR },
    )
    .unwrap();
    let raw = raw_secret(vault.key());
    let text = vault.key().identity().to_string();
    let text = text.expose_secret().as_bytes()[16..64].to_vec();
    drop(vault);

    let session = || {
        let p = SecretString::from(passphrase);
        let mut vault = Vault::open(dir.path(), &p).unwrap();
        let mut case = testimony_vault::sample::sample_case(1, 200);
        vault.save_case(&mut case, "A").unwrap();
        assert_eq!(vault.load_case(case.id).unwrap().narrative, case.narrative);
        drop(vault);
    };
    let pass_hits = freed_copies(passphrase.as_bytes(), session);
    let raw_hits = freed_copies(&raw, session);
    let text_hits = freed_copies(&text, session);
    println!("unlock + save + lock: clear copies freed: passphrase {pass_hits}, raw identity {raw_hits}, identity text {text_hits}");
    assert_eq!(pass_hits, 0, "the passphrase is never freed in clear");
    assert_eq!(raw_hits, 0, "the raw identity is never freed in clear");
    // The key file's plaintext (the identity's text) passes through age's
    // stream reader, which frees its one decrypted chunk unwiped: that one
    // copy is age's (see the one-chunk figure above); ours add none.
    assert!(text_hits <= 1, "the identity's text form: {text_hits} clear copies");
}

/// The vault's Ed25519 signing key, read at unlock and used for every save,
/// watched as the vault identity is.
#[test]
fn the_signing_key_is_never_freed_in_clear() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let passphrase = SecretString::from(common::PASS);
    let options = testimony_vault::vault::CreateOptions { work_factor: common::TEST_WORK_FACTOR };
    let vault = Vault::create_with(dir.path(), &passphrase, &options).unwrap();
    let text = vault.signing_key().unwrap().to_openssh();
    let parsed = ssh_key::PrivateKey::from_openssh(text.as_bytes()).unwrap();
    let seed = parsed.key_data().ed25519().unwrap().private.to_bytes().to_vec();
    // A line of the key file's base64 that carries secret bytes.
    let line = text.lines().nth(3).unwrap().as_bytes()[..64].to_vec();
    drop((vault, parsed, text));
    let session = || {
        let mut vault = Vault::open(dir.path(), &passphrase).unwrap();
        let mut case = testimony_vault::sample::sample_case(1, 50);
        vault.save_case(&mut case, "A").unwrap();
        drop(vault);
    };
    let hits = freed_copies(&seed, session);
    let text_hits = freed_copies(&line, session);
    println!("unlock + signed save + lock: clear copies freed: signing key {hits}, its key file text {text_hits}");
    assert_eq!(hits, 0, "the signing key's secret is never freed in clear");
    // As for the identity's text: age's stream reader frees its one
    // decrypted chunk unwiped; ours add none.
    assert!(text_hits <= 1, "the key file's text: {text_hits} clear copies");
}

/// The 32 secret bytes of the key, decoded from its Bech32 text.
fn raw_secret(key: &VaultKey) -> Vec<u8> {
    const CHARSET: &[u8] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    let text = key.identity().to_string();
    let lower = text.expose_secret().to_ascii_lowercase();
    let data = &lower[lower.rfind('1').unwrap() + 1..lower.len() - 6];
    let (mut acc, mut bits, mut out) = (0u32, 0, Vec::new());
    for c in data.bytes() {
        acc = (acc << 5) | CHARSET.iter().position(|&x| x == c).unwrap() as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    assert_eq!(out.len(), 32);
    out
}

/// Keeping and rebuilding earlier revisions (model::history) and comparing
/// them leave no clear copy of the testimony behind: every value they pass
/// through is overwritten before it is freed.
#[test]
fn earlier_revisions_are_kept_and_rebuilt_without_clear_copies() {
    use testimony_vault::model::{changed_fields, history, Case};
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let secret = stack_secret(6);
    let words = format!("{} 보위부가 데려갔다", as_str(&secret));
    let mut old = testimony_vault::sample::sample_case(3, 100);
    old.narrative = words.clone();
    let mut new = old.clone();
    new.narrative = "이웃 한 명이 보위부에 끌려갔다".into();
    let before = history::before_of(&old, &new);
    new.history.push(testimony_vault::model::Revision {
        number: 2,
        at: testimony_vault::model::now_utc(),
        editor: "A".into(),
        changed_fields: vec!["narrative".into()],
        prev_hash: old.content_hash(),
        content_hash: new.content_hash(),
        note: String::new(),
        signature: None,
        before: Some(before),
    });
    let parts: [(&str, &dyn Fn(&Case, &Case)); 4] = [
        ("edit", &|o, n| drop(history::edit(&n.narrative, &o.narrative))),
        ("before_of", &|o, n| drop(history::before_of(o, n))),
        ("changed_fields", &|o, n| drop(changed_fields(o, n))),
        ("rebuild_all", &|_, n| drop(history::rebuild_all(n))),
    ];
    for (what, f) in parts {
        let hits = freed_copies(&secret, || f(&old, &new));
        println!("{what}: {hits}");
        assert_eq!(hits, 0, "{what}: {hits} clear copies freed");
    }
}

/// What dependencies free in clear (age's chunk buffers, the search index's
/// intermediate strings), watched without and then behind the binary's
/// wiping allocator: the first counts are the leaks it exists for, the
/// second must be zero.
#[test]
fn the_programs_allocator_wipes_what_dependencies_free() {
    let _g = SERIAL.lock().unwrap_or_else(|e| e.into_inner());
    let secret = stack_secret(7);
    let key = VaultKey::generate();
    let mut plaintext = Zeroizing::new(Vec::with_capacity(64));
    plaintext.extend_from_slice(&secret);
    let ct = crypto::encrypt(&[key.recipient()], &plaintext, "test").unwrap();
    let decrypt = || drop(crypto::decrypt(key.identity(), &ct, std::path::Path::new("t")).unwrap());

    // A word of testimony only one case holds, indexed with 199 others,
    // then searched for by a prefix of it.
    let word = as_str(&secret).to_string();
    let mut cases: Vec<_> = (1..=200).map(|n| testimony_vault::sample::sample_case(n, 300)).collect();
    cases[17].narrative.push_str(&format!(" {word}"));
    let index = || {
        let mut index = testimony_vault::search::SearchIndex::build(&cases);
        assert_eq!(index.search(&word[..20]), vec![cases[17].id]);
        drop(index);
    };

    let needle = &secret[..];
    let plain = (freed_copies(needle, decrypt), freed_copies(needle, index));
    let wiped = (freed_copies_in_program(needle, decrypt), freed_copies_in_program(needle, index));
    println!("clear copies freed (age decrypt, search index): plain allocator {plain:?}, the program's {wiped:?}");
    assert!(plain.0 >= 1 && plain.1 >= 1, "control: the dependencies do free clear copies ({plain:?})");
    assert_eq!(wiped, (0, 0), "the program's allocator frees none in clear");
}
