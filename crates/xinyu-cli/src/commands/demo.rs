//! `xinyu demo-data`: a synthetic school for demos and benchmarks (students, warning files at
//! every level, years of follow-ups), deterministic for a seed.

use anyhow::Result;

use crate::cli::{DemoDataArgs, GlobalOpts};
use crate::{output, unlock};

pub fn run(global: &GlobalOpts, args: &DemoDataArgs) -> Result<()> {
    output::notice("正在生成演示数据… (generating demo data)");
    let summary = unlock::unlocked(global, |vault, _| {
        Ok(vault
            .unlocked()?
            .generate_demo_data(args.students, args.years, args.seed)?)
    })?;
    if args.json.json {
        return output::json(&summary);
    }
    output::line(format_args!(
        "已生成：学生 {} 名，预警档案 {} 份，跟踪记录 {} 条 \
         ({} students, {} warning files, {} follow-ups)",
        summary.students,
        summary.warning_files,
        summary.follow_ups,
        summary.students,
        summary.warning_files,
        summary.follow_ups
    ))
}
