//! wlr-screencopy: wlroots compositors (sway, Hyprland, river, …) copy each
//! output into a shared-memory buffer of ours, without a prompt.
//!
//! The buffer is a memfd that is read back with `pread` rather than mapped:
//! the pages the compositor wrote are the file's, and the crate stays free of
//! `unsafe`.

use std::fs::File;
use std::os::fd::AsFd;
use std::os::unix::fs::FileExt;

use image::{DynamicImage, RgbaImage};
use wayland_client::globals::{GlobalListContents, registry_queue_init};
use wayland_client::protocol::wl_buffer::WlBuffer;
use wayland_client::protocol::wl_output::WlOutput;
use wayland_client::protocol::wl_registry::WlRegistry;
use wayland_client::protocol::wl_shm::{self, WlShm};
use wayland_client::protocol::wl_shm_pool::WlShmPool;
use wayland_client::{Connection, Dispatch, EventQueue, Proxy, QueueHandle, WEnum};
use wayland_protocols_wlr::screencopy::v1::client::zwlr_screencopy_frame_v1::{
    self, ZwlrScreencopyFrameV1,
};
use wayland_protocols_wlr::screencopy::v1::client::zwlr_screencopy_manager_v1::ZwlrScreencopyManagerV1;

use crate::CaptureError;

/// What [`capture`] found.
pub enum Outcome {
    /// One image per output.
    Captured(Vec<DynamicImage>),
    /// The compositor does not offer wlr-screencopy (GNOME, KDE): try the
    /// portal.
    NotOffered,
}

/// Every output of the Wayland display `connection` talks to.
pub fn capture(connection: &Connection) -> Result<Outcome, CaptureError> {
    let (globals, mut queue) =
        registry_queue_init::<Frame>(connection).map_err(|error| failed(error.to_string()))?;
    let handle = queue.handle();
    let Ok(manager) = globals.bind::<ZwlrScreencopyManagerV1, _, _>(&handle, 1..=3, ()) else {
        return Ok(Outcome::NotOffered);
    };
    let shm: WlShm = globals
        .bind(&handle, 1..=1, ())
        .map_err(|_| failed("the compositor offers no shared memory (wl_shm)".into()))?;
    let outputs: Vec<WlOutput> = globals.contents().with_list(|list| {
        list.iter()
            .filter(|global| global.interface == "wl_output")
            .map(|global| {
                globals
                    .registry()
                    .bind(global.name, global.version.min(4), &handle, ())
            })
            .collect()
    });
    if outputs.is_empty() {
        return Err(CaptureError::NoScreen);
    }
    let images = outputs
        .iter()
        .map(|output| capture_output(&manager, &shm, output, &mut queue))
        .collect::<Result<_, _>>()?;
    Ok(Outcome::Captured(images))
}

fn capture_output(
    manager: &ZwlrScreencopyManagerV1,
    shm: &WlShm,
    output: &WlOutput,
    queue: &mut EventQueue<Frame>,
) -> Result<DynamicImage, CaptureError> {
    let handle = queue.handle();
    let mut frame = Frame::default();
    let request = manager.capture_output(0, output, &handle, ());
    // The buffer's description comes at once (with `buffer_done` from v3).
    while frame.layout.is_none() || (request.version() >= 3 && !frame.described) {
        if frame.result.is_some() {
            break;
        }
        queue.blocking_dispatch(&mut frame).map_err(dispatch)?;
    }
    let layout = match (frame.layout, frame.result) {
        (_, Some(Err(()))) | (None, _) => {
            request.destroy();
            return Err(failed(
                "the compositor refused to copy the screen into shared memory".into(),
            ));
        }
        (Some(layout), _) => layout,
    };
    let size = layout.stride as usize * layout.height as usize;
    let file = shared_file(size)?;
    let pool = shm.create_pool(
        file.as_fd(),
        i32::try_from(size).map_err(|_| failed("the screen is too large".into()))?,
        &handle,
        (),
    );
    let buffer = pool.create_buffer(
        0,
        layout.width as i32,
        layout.height as i32,
        layout.stride as i32,
        layout.format,
        &handle,
        (),
    );
    request.copy(&buffer);
    while frame.result.is_none() {
        queue.blocking_dispatch(&mut frame).map_err(dispatch)?;
    }
    request.destroy();
    buffer.destroy();
    pool.destroy();
    if frame.result != Some(Ok(())) {
        return Err(failed("the compositor could not copy the screen".into()));
    }
    let mut pixels = vec![0; size];
    file.read_exact_at(&mut pixels, 0)
        .map_err(|error| failed(format!("the copied screen could not be read: {error}")))?;
    let mut image = to_rgba(&layout, &pixels)?;
    if frame.y_invert {
        image::imageops::flip_vertical_in_place(&mut image);
    }
    Ok(DynamicImage::ImageRgba8(image))
}

/// Anonymous memory with a file descriptor to hand the compositor.
fn shared_file(size: usize) -> Result<File, CaptureError> {
    let fd = rustix::fs::memfd_create("twofold-screen", rustix::fs::MemfdFlags::CLOEXEC)
        .map_err(|error| failed(format!("no shared memory for the screen: {error}")))?;
    let file = File::from(fd);
    file.set_len(size as u64)
        .map_err(|error| failed(format!("no shared memory for the screen: {error}")))?;
    Ok(file)
}

/// The 32-bit formats every compositor offers; wl_shm's names are
/// little-endian, so Argb8888 is stored B, G, R, A.
fn to_rgba(layout: &Layout, pixels: &[u8]) -> Result<RgbaImage, CaptureError> {
    let order: [usize; 3] = match layout.format {
        wl_shm::Format::Argb8888 | wl_shm::Format::Xrgb8888 => [2, 1, 0],
        wl_shm::Format::Abgr8888 | wl_shm::Format::Xbgr8888 => [0, 1, 2],
        other => {
            return Err(failed(format!(
                "the compositor copies the screen as {other:?}, which Twofold does not read"
            )));
        }
    };
    let mut rgba = Vec::with_capacity(layout.width as usize * layout.height as usize * 4);
    for row in pixels.chunks_exact(layout.stride as usize) {
        for pixel in row[..layout.width as usize * 4].chunks_exact(4) {
            rgba.extend_from_slice(&[pixel[order[0]], pixel[order[1]], pixel[order[2]], 255]);
        }
    }
    RgbaImage::from_raw(layout.width, layout.height, rgba)
        .ok_or_else(|| failed("the copied screen has the wrong size".into()))
}

fn failed(reason: String) -> CaptureError {
    CaptureError::Failed {
        method: crate::Method::Screencopy,
        reason,
    }
}

fn dispatch(error: wayland_client::DispatchError) -> CaptureError {
    failed(format!("the connection to the compositor failed: {error}"))
}

#[derive(Clone, Copy)]
struct Layout {
    format: wl_shm::Format,
    width: u32,
    height: u32,
    stride: u32,
}

/// One frame's events, as they arrive.
#[derive(Default)]
struct Frame {
    layout: Option<Layout>,
    described: bool,
    y_invert: bool,
    result: Option<Result<(), ()>>,
}

impl Dispatch<ZwlrScreencopyFrameV1, ()> for Frame {
    fn event(
        frame: &mut Self,
        _: &ZwlrScreencopyFrameV1,
        event: zwlr_screencopy_frame_v1::Event,
        _: &(),
        _: &Connection,
        _: &QueueHandle<Self>,
    ) {
        use zwlr_screencopy_frame_v1::Event;
        match event {
            Event::Buffer {
                format: WEnum::Value(format),
                width,
                height,
                stride,
            } if stride >= width.saturating_mul(4) && frame.layout.is_none() => {
                frame.layout = Some(Layout {
                    format,
                    width,
                    height,
                    stride,
                });
            }
            Event::BufferDone => frame.described = true,
            Event::Flags {
                flags: WEnum::Value(flags),
            } => frame.y_invert = flags.contains(zwlr_screencopy_frame_v1::Flags::YInvert),
            Event::Ready { .. } => frame.result = Some(Ok(())),
            Event::Failed => frame.result = Some(Err(())),
            _ => {}
        }
    }
}

/// The objects whose events carry nothing this capture needs.
macro_rules! ignore_events {
    ($($object:ty),*) => {$(
        impl Dispatch<$object, ()> for Frame {
            fn event(
                _: &mut Self,
                _: &$object,
                _: <$object as Proxy>::Event,
                _: &(),
                _: &Connection,
                _: &QueueHandle<Self>,
            ) {
            }
        }
    )*};
}
ignore_events!(
    WlOutput,
    WlShm,
    WlShmPool,
    WlBuffer,
    ZwlrScreencopyManagerV1
);

impl Dispatch<WlRegistry, GlobalListContents> for Frame {
    fn event(
        _: &mut Self,
        _: &WlRegistry,
        _: <WlRegistry as Proxy>::Event,
        _: &GlobalListContents,
        _: &Connection,
        _: &QueueHandle<Self>,
    ) {
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn layout(format: wl_shm::Format) -> Layout {
        Layout {
            format,
            width: 2,
            height: 2,
            stride: 12, // 8 bytes of pixels and 4 of padding per row
        }
    }

    #[test]
    fn reads_the_compositors_byte_orders_and_skips_row_padding() {
        // Red, green / blue, white, stored as B, G, R, X (Xrgb8888).
        let pixels = [
            0, 0, 255, 0, 0, 255, 0, 0, 9, 9, 9, 9, //
            255, 0, 0, 0, 255, 255, 255, 0, 9, 9, 9, 9,
        ];
        let image = to_rgba(&layout(wl_shm::Format::Xrgb8888), &pixels).unwrap();
        assert_eq!(image.get_pixel(0, 0).0, [255, 0, 0, 255]);
        assert_eq!(image.get_pixel(1, 0).0, [0, 255, 0, 255]);
        assert_eq!(image.get_pixel(0, 1).0, [0, 0, 255, 255]);
        assert_eq!(image.get_pixel(1, 1).0, [255, 255, 255, 255]);
        // The same bytes as R, G, B, X (Xbgr8888): red and blue swap.
        let image = to_rgba(&layout(wl_shm::Format::Xbgr8888), &pixels).unwrap();
        assert_eq!(image.get_pixel(0, 0).0, [0, 0, 255, 255]);
    }

    #[test]
    fn refuses_a_format_it_does_not_read() {
        let error = to_rgba(&layout(wl_shm::Format::Rgb565), &[0; 24]).unwrap_err();
        assert!(error.to_string().contains("Rgb565"), "{error}");
    }
}
